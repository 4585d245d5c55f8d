// `npm run bench:install`: what a user's `npm install` costs with and without the optional SDKs of the other clouds
// (issue 15). Packs this repository, then installs the tarball into scratch stacks side by side: alicloud-vpn alone
// (Alibaba only: VpnSite, HubAndSpoke, ...), and with @pulumi/aws, @pulumi/azure-native, @pulumi/gcp or all three
// (CloudLink to that cloud). Each install runs twice: cold (an empty npm cache: every package downloaded from the
// registry) and warm (the cache filled, node_modules removed). Sizes are node_modules on disk (du). Needs the npm
// registry; prints a table and writes out/bench/install.json.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { table } from "./table";

const ROOT = path.resolve(__dirname, "..");
const ours = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

const VARIANTS: Array<{ name: string; extra: string[] }> = [
    { name: "alicloud-vpn only", extra: [] },
    { name: "+ @pulumi/aws", extra: ["@pulumi/aws"] },
    { name: "+ @pulumi/azure-native", extra: ["@pulumi/azure-native"] },
    { name: "+ @pulumi/gcp", extra: ["@pulumi/gcp"] },
    { name: "+ all three", extra: ["@pulumi/aws", "@pulumi/azure-native", "@pulumi/gcp"] },
];

function duMb(dir: string): number {
    const out = execFileSync("du", ["-sk", dir], { encoding: "utf8" });
    return Number(out.split(/\s/)[0]) / 1024;
}

function timed(fn: () => void): number {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e9;
}

function main(): void {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-vpn-install-"));
    try {
        const packed = JSON.parse(
            execFileSync("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
        );
        const tarball = path.join(scratch, packed[0].filename);
        const rows: Array<Record<string, number | string>> = [];
        for (const variant of VARIANTS) {
            const dir = path.join(scratch, variant.name.replace(/[^a-z0-9]+/gi, "-"));
            const cache = path.join(dir, ".npm-cache");
            fs.mkdirSync(dir);
            fs.writeFileSync(
                path.join(dir, "package.json"),
                JSON.stringify({
                    name: "consumer-stack",
                    dependencies: {
                        "alicloud-vpn": `file:${tarball}`,
                        ...Object.fromEntries(variant.extra.map((p) => [p, ours.devDependencies[p]])),
                    },
                }),
            );
            const install = () =>
                execFileSync("npm", ["install", "--no-audit", "--no-fund", "--cache", cache, "--prefer-offline"], { cwd: dir, stdio: "ignore" });
            const cold = timed(install);
            const size = duMb(path.join(dir, "node_modules"));
            fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
            fs.rmSync(path.join(dir, "package-lock.json"), { force: true });
            const warm = timed(install);
            rows.push({ variant: variant.name, coldSeconds: cold, warmSeconds: warm, nodeModulesMb: size });
            fs.rmSync(dir, { recursive: true, force: true });
        }
        const base = rows[0];
        console.log(`npm install of the packed alicloud-vpn (${(fs.statSync(tarball).size / 1024).toFixed(0)} KB) in a scratch stack`);
        console.log(
            table(
                ["install", "cold s", "warm s", "node_modules MB", "size vs alone", "cold time vs alone"],
                rows.map((r) => [
                    String(r.variant),
                    (r.coldSeconds as number).toFixed(1),
                    (r.warmSeconds as number).toFixed(1),
                    (r.nodeModulesMb as number).toFixed(0),
                    `${((r.nodeModulesMb as number) / (base.nodeModulesMb as number)).toFixed(2)}x`,
                    `${((r.coldSeconds as number) / (base.coldSeconds as number)).toFixed(2)}x`,
                ]),
            ),
        );
        fs.mkdirSync(path.join(ROOT, "out/bench"), { recursive: true });
        fs.writeFileSync(path.join(ROOT, "out/bench/install.json"), JSON.stringify(rows, null, 2));
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

main();
