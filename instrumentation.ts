// Next calls register() once when a server process starts: migrate, bootstrap, demo data.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startApp } = await import("./lib/startup");
  await startApp();
}
