// The cookie that binds a flow to the browser that started it (its value is only stored hashed).
export const FLOW_COOKIE = "oauth_flow";

export const flowCookieOptions = (appUrl: string) => ({
  httpOnly: true,
  // Lax: the IdP's redirect back is a top-level GET navigation, which carries Lax cookies.
  sameSite: "lax" as const,
  secure: appUrl.startsWith("https://"),
  path: "/oauth",
  maxAge: 15 * 60,
});
