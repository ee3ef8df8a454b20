"use server";
// Sign-out: ends the server-side session row (next-auth signOut event) and clears the cookie.
import { signOut } from "@/lib/auth/next-auth";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login?signedOut=1" });
}
