// From outside the walls: what a user installs. `npm pack` this repository, install the tarball into a scratch
// stack outside it (the tsconfig `pulumi new typescript` writes), type-check every TypeScript example there and
// run each under ts-node, as Pulumi runs a program, on the emulator the package exports (alicloud-vpn/testing).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const EXAMPLES = ["hypermotion", "hub-and-spoke", "openvpn-mesh", "cloud-aws", "cloud-azure", "cloud-gcp"];

/** The tsconfig.json `pulumi new typescript` writes. */
const PULUMI_NEW_TSCONFIG = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        sourceMap: true,
        experimentalDecorators: true,
        pretty: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
};

/** Runs a program module on the package's own emulator and prints what it registered, as JSON. */
const HARNESS = `import { emulate } from "alicloud-vpn/testing";
import * as path from "path";

const [program, region] = process.argv.slice(2);
emulate(() => require(path.resolve(program)), { config: { "alicloud:region": region } }).then((run) => {
    console.log(JSON.stringify({
        error: run.error?.message,
        rejections: run.rejections.map((r) => r.type + " " + r.name + ": " + r.code),
        components: run.resources.filter((r) => r.type.startsWith("alicloud-vpn:")).map((r) => r.type + " " + r.name),
        resources: run.cloudResources.map((r) => ({ type: r.type, name: r.name, region: r.region, id: r.id, inputs: r.inputs })),
    }));
});
`;

/** Runs a program that should fail before registering anything: prints the error and what was registered anyway. */
const HARNESS_FAILING = `import { emulate } from "alicloud-vpn/testing";
import * as path from "path";

const [program, region] = process.argv.slice(2);
let message = "";
emulate(() => {
    try {
        require(path.resolve(program));
    } catch (err) {
        message = (err as Error).message;
    }
}, { config: { "alicloud:region": region } }).then((run) => {
    console.log(JSON.stringify({ message, components: run.resources.filter((r) => r.type.startsWith("alicloud-vpn:")).length, cloudResources: run.cloudResources.length }));
});
`;

/** The README's example with a key Alibaba refuses (101 characters): the documented path must register nothing. */
const BAD_LINK = `import { VpnSite } from "alicloud-vpn";

new VpnSite("hub", {
    vpcCidr: "10.10.0.0/16",
    vswitches: [
        { zoneId: "cn-hangzhou-h", cidr: "10.10.1.0/24" },
        { zoneId: "cn-hangzhou-i", cidr: "10.10.2.0/24" },
    ],
    bandwidth: 10,
    links: [{ name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"], psks: ["k".repeat(101)] }],
});
`;

interface Run {
    error?: string;
    rejections: string[];
    components: string[];
    resources: Array<{ type: string; name: string; region: string; id: string; inputs: Record<string, any> }>;
}

describe("the packed package, installed in a stack outside the repository", function () {
    this.timeout(600000);
    let scratch: string;
    let tarball: string;
    const run = (program: string, region = "cn-hangzhou"): Run =>
        JSON.parse(execFileSync("npx", ["ts-node", "harness.ts", program, region], { cwd: scratch, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" } }));

    before(() => {
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-vpn-consumer-"));
        // prepare builds bin/ first; the tarball holds only the compiled package.
        const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
        tarball = path.join(scratch, packed[0].filename);
        const ours = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        fs.writeFileSync(
            path.join(scratch, "package.json"),
            JSON.stringify({
                name: "consumer-stack",
                main: "index.ts",
                dependencies: {
                    "alicloud-vpn": `file:${tarball}`,
                    "@pulumi/pulumi": ours.dependencies["@pulumi/pulumi"],
                    "@pulumi/alicloud": ours.dependencies["@pulumi/alicloud"],
                    // The optional peer a user joining AWS adds (CloudLink).
                    "@pulumi/aws": ours.devDependencies["@pulumi/aws"],
                },
                devDependencies: { typescript: ours.devDependencies.typescript, "ts-node": ours.devDependencies["ts-node"], "@types/node": ours.devDependencies["@types/node"] },
            }),
        );
        // The registry's packages come from npm's cache when `npm ci` already fetched them.
        execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: scratch, stdio: "ignore" });
        for (const example of EXAMPLES) {
            fs.mkdirSync(path.join(scratch, example));
            fs.copyFileSync(path.join(ROOT, "examples", example, "index.ts"), path.join(scratch, example, "index.ts"));
        }
        fs.mkdirSync(path.join(scratch, "testing"));
        fs.copyFileSync(path.join(ROOT, "examples/testing/check.ts"), path.join(scratch, "testing/check.ts"));
        fs.mkdirSync(path.join(scratch, "bad-link"));
        fs.writeFileSync(path.join(scratch, "bad-link", "index.ts"), BAD_LINK);
        fs.writeFileSync(path.join(scratch, "harness.ts"), HARNESS);
        fs.writeFileSync(path.join(scratch, "harness-failing.ts"), HARNESS_FAILING);
        const files = ["harness.ts", "harness-failing.ts", ...EXAMPLES.map((e) => `${e}/index.ts`), "testing/check.ts", "bad-link/index.ts"];
        fs.writeFileSync(path.join(scratch, "tsconfig.json"), JSON.stringify({ ...PULUMI_NEW_TSCONFIG, files }, null, 4));
    });

    after(() => {
        if (scratch && !process.env.KEEP_SCRATCH) {
            fs.rmSync(scratch, { recursive: true, force: true });
        }
    });

    it("ships the compiled package only: bin/ with declarations, PulumiPlugin.yaml, README; no tests, lab, bench or sources", () => {
        const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n").map((f) => f.replace(/^package\//, ""));
        assert.ok(files.includes("bin/index.js") && files.includes("bin/index.d.ts") && files.includes("bin/testing.js"), files.join(" "));
        assert.ok(files.includes("PulumiPlugin.yaml"));
        const outside = files.filter((f) => !/^(bin\/.*\.(js|d\.ts)|PulumiPlugin\.yaml|README\.md|package\.json)$/.test(f));
        assert.deepEqual(outside, []);
        const manifest = JSON.parse(fs.readFileSync(path.join(scratch, "node_modules/alicloud-vpn/package.json"), "utf8"));
        assert.equal(manifest.private, undefined);
        assert.deepEqual(Object.keys(manifest.dependencies).sort(), ["@pulumi/alicloud", "@pulumi/pulumi", "@pulumi/random", "@pulumi/tls", "ipaddr.js"]);
        // One copy of @pulumi/pulumi, or mocks and Construct break (pulumi/pulumi#19264).
        assert.equal(fs.existsSync(path.join(scratch, "node_modules/alicloud-vpn/node_modules/@pulumi/pulumi")), false);
    });

    it("type-checks every example with the tsconfig pulumi new writes", () => {
        execFileSync("npx", ["tsc", "--noEmit", "-p", "."], { cwd: scratch, stdio: "pipe" });
    });

    it("runs the hypermotion example: one VpnSite, its VPC, four vSwitches, the gateway, the office link", () => {
        const result = run("hypermotion/index.ts");
        assert.equal(result.error, undefined);
        assert.deepEqual(result.rejections, []);
        assert.deepEqual(result.components, ["alicloud-vpn:index:VpnSite hypermotion"]);
        const count = (type: string) => result.resources.filter((r) => r.type === type).length;
        assert.equal(count("alicloud:vpc/switch:Switch"), 4);
        assert.equal(count("alicloud:vpn/gateway:Gateway"), 1);
        const connection = result.resources.find((r) => r.type === "alicloud:vpn/connection:Connection")!;
        assert.deepEqual(connection.inputs.remoteSubnets, ["192.168.10.0/23"]);
        assert.equal(connection.inputs.tunnelOptionsSpecifications[0].tunnelIkeConfig.ikeVersion, "ikev1");
        assert.deepEqual(
            result.resources.filter((r) => r.type === "alicloud:vpc/routeEntry:RouteEntry").map((r) => r.inputs.destinationCidrblock),
            ["192.168.10.0/24", "192.168.11.0/24"],
        );
        assert.match(connection.id, /^vco-bp1/);
    });

    it("runs the hub-and-spoke example: three gateways in three regions, two connections on each side of the hub", () => {
        const result = run("hub-and-spoke/index.ts", "ap-northeast-1");
        assert.equal(result.error, undefined);
        assert.deepEqual(result.rejections, []);
        const gateways = result.resources.filter((r) => r.type === "alicloud:vpn/gateway:Gateway");
        assert.deepEqual(gateways.map((g) => `${g.name} ${g.region}`).sort(), ["beijing-gateway cn-beijing", "shanghai-gateway cn-shanghai", "tokyo-gateway ap-northeast-1"]);
        assert.equal(result.resources.filter((r) => r.type === "alicloud:vpn/connection:Connection").length, 4);
    });

    it("runs the openvpn-mesh example: the server instance, its security group rules and a VPC route per client LAN", () => {
        const result = run("openvpn-mesh/index.ts");
        assert.equal(result.error, undefined);
        assert.deepEqual(result.rejections, []);
        assert.equal(result.resources.filter((r) => r.type === "alicloud:ecs/instance:Instance").length, 1);
        const routes = result.resources.filter((r) => r.type === "alicloud:vpc/routeEntry:RouteEntry").map((r) => r.inputs.destinationCidrblock);
        for (const lan of ["192.168.0.0/24", "192.168.12.0/24", "172.25.16.0/20"]) {
            assert.ok(routes.includes(lan), `${lan} in ${routes.join(", ")}`);
        }
    });

    it("runs the README's unit-test example against the packaged emulator", () => {
        const out = execFileSync("npx", ["ts-node", "testing/check.ts"], { cwd: scratch, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" } });
        assert.match(out, /^ok: 13 cloud resources, 2 VPC routes$/m);
    });

    it("runs the cloud-aws example with the optional @pulumi/aws installed: both clouds' ends, each Alibaba tunnel on its AWS connection", () => {
        const result = run("cloud-aws/index.ts", "cn-beijing");
        assert.equal(result.error, undefined);
        assert.deepEqual(result.rejections, []);
        const aws = result.resources.filter((r) => r.type.startsWith("aws:"));
        assert.equal(aws.filter((r) => r.type === "aws:ec2/vpnConnection:VpnConnection").length, 2);
        assert.equal(aws.filter((r) => r.type === "aws:ec2/customerGateway:CustomerGateway").length, 2);
        assert.equal(result.resources.filter((r) => r.type === "alicloud:vpn/connection:Connection").length, 2);
    });

    it("without @pulumi/azure-native or @pulumi/gcp (a stack joining only AWS), a CloudLink to either says which package to install", () => {
        for (const [example, pkg, range] of [
            ["cloud-azure", "@pulumi/azure-native", "^3"],
            ["cloud-gcp", "@pulumi/gcp", "^9"],
        ]) {
            assert.equal(fs.existsSync(path.join(scratch, "node_modules", pkg)), false, `${pkg} is not installed in the consumer`);
            const out = execFileSync("npx", ["ts-node", "harness-failing.ts", `${example}/index.ts`, "cn-hangzhou"], {
                cwd: scratch,
                encoding: "utf8",
                env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
            });
            const result = JSON.parse(out.trim().split("\n").pop()!) as { message: string; components: number; cloudResources: number };
            const escaped = (t: string) => t.replace(/[/^.*+?()[\]{}|$]/g, "\\$&");
            assert.match(
                result.message,
                new RegExp(`needs the package ${escaped(pkg)}, an optional peer dependency of alicloud-vpn that is not installed\\. Fix: run \`npm install ${escaped(pkg)}@${escaped(range)}\``),
            );
            assert.deepEqual({ components: result.components, cloudResources: result.cloudResources }, { components: 0, cloudResources: 0 }, `${example}: nothing registered`);
        }
    });

    it("with the optional @pulumi/azure-native and @pulumi/gcp installed, runs the cloud-azure and cloud-gcp examples: both clouds' ends", () => {
        const ours = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
        execFileSync(
            "npm",
            ["install", "--prefer-offline", "--no-audit", "--no-fund", `@pulumi/azure-native@${ours.devDependencies["@pulumi/azure-native"]}`, `@pulumi/gcp@${ours.devDependencies["@pulumi/gcp"]}`],
            { cwd: scratch, stdio: "ignore" },
        );
        const azure = run("cloud-azure/index.ts", "ap-southeast-1");
        assert.equal(azure.error, undefined);
        assert.deepEqual(azure.rejections, []);
        const azureTypes = azure.resources.filter((r) => r.type.startsWith("azure-native:")).map((r) => r.type.split(":")[2]);
        assert.deepEqual(
            [...new Set(azureTypes)].sort(),
            ["LocalNetworkGateway", "PublicIPAddress", "VirtualNetworkGateway", "VirtualNetworkGatewayConnection"],
        );
        assert.equal(azureTypes.filter((t) => t === "VirtualNetworkGatewayConnection").length, 2);
        const azureConnection = azure.resources.find((r) => r.type === "alicloud:vpn/connection:Connection")!;
        assert.equal(azureConnection.inputs.enableTunnelsBgp, true);
        const gcp = run("cloud-gcp/index.ts", "cn-hongkong");
        assert.equal(gcp.error, undefined);
        assert.deepEqual(gcp.rejections, []);
        const gcpTypes = gcp.resources.filter((r) => r.type.startsWith("gcp:")).map((r) => r.type);
        assert.equal(gcpTypes.filter((t) => t === "gcp:compute/vPNTunnel:VPNTunnel").length, 2);
        assert.equal(gcpTypes.filter((t) => t === "gcp:compute/routerPeer:RouterPeer").length, 2);
        assert.equal(gcp.resources.filter((r) => r.type === "alicloud:vpn/connection:Connection").length, 1);
    });

    it("refuses a bad link through the documented path with one line naming the key, and registers nothing at all", () => {
        const result = run("bad-link/index.ts");
        assert.match(result.error ?? "", /error \[dc\] hub\.links\[0\]\.psks\[0\] = "\[secret\]": Alibaba Cloud rejects this pre-shared key\./);
        assert.deepEqual(result.components, []);
        assert.deepEqual(result.resources, []);
    });
});
