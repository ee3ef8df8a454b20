-- recipients.certificate is stored under the REST recipient's DisposableCertificate keys
-- (DocumentNumber, PhoneNumber, ...) instead of the mapping data fields (documentNumber,
-- certificatePhone, ...): values written by Update mappings before this keep their meaning.
UPDATE "recipients" SET "certificate" = (
  SELECT coalesce(jsonb_object_agg(
    CASE "key"
      WHEN 'documentType' THEN 'DocumentType'
      WHEN 'documentNumber' THEN 'DocumentNumber'
      WHEN 'documentIssuedOn' THEN 'DocumentIssuedOn'
      WHEN 'documentIssuedBy' THEN 'DocumentIssuedBy'
      WHEN 'documentExpiryDate' THEN 'DocumentExpiryDate'
      WHEN 'identificationIssuingCountry' THEN 'IdentificationIssuingCountry'
      WHEN 'identificationType' THEN 'IdentificationType'
      WHEN 'identificationNumber' THEN 'IdentificationNumber'
      WHEN 'certificatePhone' THEN 'PhoneNumber'
      WHEN 'documentIssuingCountry' THEN 'DocumentIssuingCountry'
      WHEN 'countryOfResidence' THEN 'CountryOfResidence'
      ELSE "key"
    END, "value"), '{}'::jsonb)
  FROM jsonb_each("recipients"."certificate")
) WHERE "certificate" <> '{}'::jsonb;
