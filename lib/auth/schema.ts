import { z } from "zod";
import "@/lib/validation/zod-setup";

export const ZLoginInput = z.object({
  email: z.string().trim().min(1, "Enter your email").max(320).email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(1024),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;
