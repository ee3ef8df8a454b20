import type { MailRow } from "../schema";
import { openOutboxMail } from "@/lib/mail/sealed-mail";
import type { RenderedMail } from "@/lib/mail/templates";
import { testEncryptionKeys } from "./provider-ctx";

/**
 * What the recipient gets: the sealed mail of an outbox row opened as delivery does (the row's
 * readable text has every credential redacted). Tests read links and codes here, as the person
 * would from their mail or phone.
 */
export const received = (row: Pick<MailRow, "id" | "sealed">): RenderedMail => openOutboxMail(row, testEncryptionKeys);
