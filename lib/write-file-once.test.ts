import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { writeFileOnce } from "./config";

const run = promisify(execFile);

describe("writeFileOnce (DATA_DIR's generated keys)", () => {
  it("keeps the first content and answers it to a later writer", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "once-")), "secrets.json");
    expect(writeFileOnce(file, "first")).toBe("first");
    expect(writeFileOnce(file, "second")).toBe("first");
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("gives processes starting together (npm start's workers) one and the same content, whole", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "once-"));
    const file = path.join(dir, "secrets.json");
    const script = `import { writeFileOnce } from "./lib/config.ts"; process.stdout.write(writeFileOnce(process.argv[1], JSON.stringify({ pid: process.pid, pad: "x".repeat(100000) })));`;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, file], {
          maxBuffer: 1 << 22,
        }).then((r) => r.stdout),
      ),
    );
    const onDisk = readFileSync(file, "utf8");
    expect(new Set(answers)).toEqual(new Set([onDisk]));
    expect((JSON.parse(onDisk) as { pad: string }).pad).toHaveLength(100000);
    expect(readdirSync(dir)).toEqual(["secrets.json"]);
  }, 60_000);
});
