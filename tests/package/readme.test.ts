// The README's TypeScript is the examples' code, not prose: each ```ts block is preceded by the example file it
// shows and equals it, so what the README tells a user to write is what the tarball test compiles and runs.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

describe("README code blocks", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const blocks = [...readme.matchAll(/(?:<!-- example: (\S+) -->\n)?```ts\n([\s\S]*?)```\n/g)];

    it("shows the examples, at least the three scenarios and the testing one", () => {
        const shown = blocks.map((b) => b[1]);
        for (const example of ["examples/hypermotion/index.ts", "examples/hub-and-spoke/index.ts", "examples/openvpn-mesh/index.ts", "examples/testing/check.ts"]) {
            assert.ok(shown.includes(example), `${example} in README`);
        }
    });

    for (const [i, block] of blocks.entries()) {
        it(`block ${i + 1} (${block[1] ?? "no example named"}) is an example file, verbatim`, () => {
            assert.ok(block[1], `a \`\`\`ts block without <!-- example: ... -->: ${block[2].slice(0, 80)}`);
            assert.equal(block[2], fs.readFileSync(path.join(ROOT, block[1]), "utf8"));
        });
    }
});
