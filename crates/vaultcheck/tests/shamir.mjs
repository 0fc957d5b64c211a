// Driven by shamir_interop.rs: reads one job per stdin line, answers one line each.
//   split <k> <n> <secret hex>      ->  <share hex> ... (n shares, x = 1..n)
//   combine <share hex> ...         ->  <secret hex>, or "error <code>"
import { readFileSync } from "node:fs";
import { fromHex, toHex } from "../../web/static/vault/bytes.js";
import { combineBytes, splitBytes } from "../../web/static/vault/shamir.js";

const out = [];
for (const line of readFileSync(0, "utf8").split("\n").filter(Boolean)) {
  const [op, ...args] = line.split(" ");
  try {
    if (op === "split") {
      out.push(splitBytes(fromHex(args[2]), Number(args[0]), Number(args[1])).map(toHex).join(" "));
    } else if (op === "combine") {
      out.push(toHex(combineBytes(args.map(fromHex))));
    } else {
      out.push(`error unknown-op`);
    }
  } catch (e) {
    out.push(`error ${e.code ?? e.message}`);
  }
}
process.stdout.write(out.join("\n") + "\n");
