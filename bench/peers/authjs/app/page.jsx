// The landing page after sign-in: the session read from its cookie, the person's email shown.
import Link from "next/link";
import { auth } from "../auth";

export const dynamic = "force-dynamic";

export default async function Home() {
  const session = await auth();
  if (!session?.user) return <Link href="/api/auth/signin">Sign in</Link>;
  return <p>{`Signed in as ${session.user.email}`}</p>;
}
