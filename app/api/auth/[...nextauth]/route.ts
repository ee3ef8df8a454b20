// GET/POST /api/auth/*: next-auth's own endpoints (session, csrf, callback, signout); next-auth checks its own CSRF token
import { handlers } from "@/lib/auth/next-auth";
import { route } from "@/lib/http/route";

export const GET = route({ auth: "public" }, ({ request }) =>
  handlers.GET(request as Parameters<typeof handlers.GET>[0]),
);
export const POST = route({ auth: "public", origin: false }, ({ request }) =>
  handlers.POST(request as Parameters<typeof handlers.POST>[0]),
);
