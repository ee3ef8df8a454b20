import { defineConfig } from "drizzle-kit";

// Generates SQL migrations from db/schema; the app and the tests apply them (never `push`).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
