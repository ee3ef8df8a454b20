import { constants, privateEncrypt } from "node:crypto";
import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { SignPdf } from "@signpdf/signpdf";
import { P12Signer } from "@signpdf/signer-p12";
import forge from "node-forge";
import type { PDFDocument } from "pdf-lib";
import { APP_NAME, type SealKey } from "./seal-key";

// The seal over the whole file: a PDF signature dictionary (placeholder by @signpdf/placeholder-pdf-lib)
// whose /Contents is a detached CMS signature (SHA-256, RSA) over the file's byte range.
// SubFilter adbe.pkcs7.detached: P12Signer's CMS has no ESS signing-certificate-v2 attribute, which
// ETSI.CAdES.detached (PAdES baseline) requires, so claiming CAdES would be a claim it does not meet.

export const SEAL_SUBFILTER = "adbe.pkcs7.detached";
// Room for the CMS (hex-encoded in the file): a certificate chain of a few certificates fits.
const SIGNATURE_LENGTH = 12_000;
// DER prefix of a PKCS#1 v1.5 DigestInfo for SHA-256 (RFC 8017 §9.2, note 1).
const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");

/**
 * P12Signer, with the key parsed once (P12Signer opens the PKCS#12, a key derivation, on every
 * call). The CMS is built exactly as P12Signer builds it.
 */
class SealSigner extends P12Signer {
  constructor(private readonly key: SealKey) {
    super(key.p12, { passphrase: key.passphrase });
  }
  /** forge signs the attributes' digest through key.sign(md): done by node:crypto (forge's JS RSA costs ~10x the CPU). */
  private readonly nodeSigner = {
    sign: (md: forge.md.MessageDigest) => {
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), "binary")]);
      return privateEncrypt({ key: this.key.nodeKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString(
        "binary",
      );
    },
  };
  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString("binary"));
    p7.addCertificate(this.key.certificate);
    p7.addSigner({
      key: this.nodeSigner as unknown as forge.pki.rsa.PrivateKey,
      certificate: this.key.certificate,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime!, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest! },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), "binary");
  }
}

/** Saves the document with a seal signature over all of it; the signature's widget sits, invisible, on the last page. */
export async function sealPdf(
  pdfDoc: PDFDocument,
  key: SealKey,
  info: { location: string; signingTime: Date },
): Promise<Buffer> {
  pdflibAddPlaceholder({
    pdfPage: pdfDoc.getPage(pdfDoc.getPageCount() - 1),
    reason: `Sealed by ${APP_NAME}`,
    contactInfo: "",
    name: key.subject,
    location: info.location,
    signingTime: info.signingTime,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SEAL_SUBFILTER,
    appName: APP_NAME,
  });
  const bytes = await pdfDoc.save({ useObjectStreams: false });
  return new SignPdf().sign(Buffer.from(bytes), new SealSigner(key), info.signingTime);
}
