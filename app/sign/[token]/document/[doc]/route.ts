// GET /sign/<token>/document/<docRef>: the envelope's PDF, for the signer once authenticated in this browser
import { cookies } from "next/headers";
import { z } from "zod";
import { findSignerDocument } from "@/lib/envelopes/find-signing";
import { pdfResponse } from "@/lib/envelopes/pdf-response";
import { SIGNER_COOKIE } from "@/lib/envelopes/signer-cookies";
import { route } from "@/lib/http/route";

export const GET = route(
  { auth: "public", params: z.object({ token: z.string(), doc: z.string() }) },
  async ({ ctx, params }) => {
    const file = await findSignerDocument(ctx.db, {
      token: params.token,
      docRef: Number(params.doc) || 0,
      browserToken: (await cookies()).get(SIGNER_COOKIE)?.value,
    });
    return file ? pdfResponse(file) : new Response("Not available", { status: 404 });
  },
);
