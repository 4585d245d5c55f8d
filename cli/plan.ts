// `npm run plan -- <scenario>`: runs a stack on the Alibaba Cloud emulator with its sample config, prints
// a preview-like tree, the check results, and writes the rendered peer configs. No credentials, no CLI.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { AlibabaCloudEmulator, PEER_CLOUD_EMULATORS, RecordedResource, Rejection, TYPES } from "../emulator";
import { Finding, TopologyError, formatFinding } from "../model/findings";
import { PeerPlatform, ResolvedLink } from "../model/link";
import { RENDERERS } from "../renderers";
import { PROJECT } from "../stacks/config";
import { CONFIG_KEY as HUB_AND_SPOKE_KEY, syntheticHubAndSpoke } from "../stacks/hubAndSpoke";
import { SCENARIOS } from "../stacks/scenarios";
import { renderSvg, topologyDot } from "./topology";

export interface PlanOptions {
    /** The stack config file. Default: Pulumi.<scenario>-dev.yaml in the project root. */
    stackFile?: string;
    /** Where rendered peer configs and plan.txt go. Default: out/<scenario>. */
    outDir?: string;
    /** false: write no files. Default true. */
    write?: boolean;
    /** The emulator to run on (tests pass their own to inspect it after a refusal). Default: a new one. */
    emulator?: AlibabaCloudEmulator;
    /** Config keys ("namespace:key" -> string, JSON for objects) replacing the stack file's. */
    configOverrides?: Record<string, string>;
}

export interface PlanReport {
    scenario: string;
    stack: string;
    /** The preview-like tree, one line per resource. */
    tree: string;
    findings: Finding[];
    resources: RecordedResource[];
    /** File name -> contents of the rendered peer configs. */
    peerConfigs: Record<string, string>;
    /** Every link with its outputs resolved (holds the keys): what the renderers read, e.g. for the interop lab. */
    links: ResolvedLink[];
    /** The stack outputs with secrets shown as [secret]. */
    outputs: Record<string, unknown>;
    /** Graphviz source of the topology picture (written as topology.dot and topology.svg). */
    topologyDot: string;
    emulator: AlibabaCloudEmulator;
}

export const ROOT = path.resolve(__dirname, "..");

/** Alibaba Cloud (emulated) refused one or more create requests: exit status 3, one line per refusal. */
export class EmulatedRefusalError extends Error {
    constructor(readonly rejections: readonly Rejection[]) {
        super(
            `Alibaba Cloud (emulated) refused ${rejections.length} request${rejections.length === 1 ? "" : "s"}; ` +
                "resources that depend on a refused one were not created:\n" +
                rejections.map((r) => `  - ${r.type} ${r.name}: ${r.code}: ${r.message}`).join("\n"),
        );
        this.name = "EmulatedRefusalError";
    }
}

/** The stack config file cannot be read or parsed: bad config, exit status 2. */
export class StackFileError extends Error {
    constructor(file: string, reason: string) {
        super(`${file}: ${reason} Fix: pass an existing Pulumi.<stack>.yaml with a top-level config: map (see the committed samples).`);
        this.name = "StackFileError";
    }
}

/** Exit statuses of `npm run plan`: 0 planned, 2 bad config or usage, 3 refused by the emulated API, 1 a bug in the plan. */
export const EXIT = { ok: 0, badConfig: 2, refused: 3, internal: 1 } as const;

/** The exit status and the one-line-per-problem text for an error thrown by planScenario. */
export function planFailure(err: unknown): { status: number; message: string } {
    if (err instanceof TopologyError || err instanceof StackFileError) {
        return { status: EXIT.badConfig, message: err.message };
    }
    if (err instanceof EmulatedRefusalError) {
        return { status: EXIT.refused, message: err.message };
    }
    const text = err instanceof Error ? err.message : String(err);
    return { status: EXIT.internal, message: `internal error in the plan (not your config): ${text.split("\n")[0]}` };
}

/** Reads a Pulumi.<stack>.yaml into the flat "namespace:key" -> string map the runtime takes. */
export function loadStackConfig(file: string): Record<string, string> {
    let document: { config?: Record<string, unknown> } | null;
    try {
        document = YAML.parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
    } catch (err) {
        const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file." : `not valid YAML: ${String((err as Error).message).split("\n")[0].replace(/:$/, "")}.`;
        throw new StackFileError(file, reason);
    }
    if (document !== null && (typeof document !== "object" || (document.config !== undefined && (typeof document.config !== "object" || document.config === null)))) {
        throw new StackFileError(file, "the file has no config: map.");
    }
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(document?.config ?? {})) {
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return config;
}

/** Resolves an Output outside the engine (the emulator knows every value: it is an `up`, not a preview). */
function resolve<T>(output: pulumi.Input<T>): Promise<T> {
    return new Promise((done) => pulumi.output(output).apply((value) => done(value as T)));
}

async function unsecret(value: unknown): Promise<unknown> {
    if (pulumi.Output.isInstance(value)) {
        const secret = await pulumi.isSecret(value as pulumi.Output<unknown>);
        return secret ? "[secret]" : unsecret(await resolve(value as pulumi.Output<unknown>));
    }
    if (Array.isArray(value)) {
        return Promise.all(value.map(unsecret));
    }
    return value;
}

const SHOWN_INPUTS: Record<string, string[]> = {
    [TYPES.vpc]: ["cidrBlock"],
    [TYPES.vswitch]: ["zoneId", "cidrBlock"],
    [TYPES.gateway]: ["bandwidth", "vswitchId", "disasterRecoveryVswitchId", "paymentType"],
    [TYPES.customerGateway]: ["ipAddress"],
    [TYPES.vpnRoute]: ["routeDest", "nextHop", "weight", "publishVpc"],
    [TYPES.vpcRoute]: ["destinationCidrblock", "nexthopType", "nexthopId"],
    "random:index/randomPassword:RandomPassword": ["length", "special"],
    [TYPES.securityGroup]: ["vpcId"],
    [TYPES.securityGroupRule]: ["type", "ipProtocol", "portRange", "cidrIp", "nicType"],
    [TYPES.instance]: ["instanceType", "imageId", "vswitchId", "privateIp", "internetMaxBandwidthOut"],
    [TYPES.oosSecretParameter]: ["secretParameterName", "value"],
    [TYPES.ramRole]: ["roleName"],
    [TYPES.ramRolePolicyAttachment]: ["roleName", "policyName"],
    [TYPES.ramRoleAttachment]: ["ramRoleName", "instanceId"],
    [TYPES.privateKey]: ["algorithm", "ecdsaCurve"],
    [TYPES.selfSignedCert]: ["allowedUses"],
    [TYPES.locallySignedCert]: ["allowedUses"],
    [TYPES.randomBytes]: ["length"],
    [TYPES.natGateway]: ["networkType", "vswitchId", "description"],
    [TYPES.natIpCidr]: ["natIpCidr"],
    [TYPES.natIp]: ["natIp"],
    [TYPES.snatEntry]: ["sourceCidr", "snatIp"],
    [TYPES.forwardEntry]: ["externalIp", "internalIp", "ipProtocol"],
    [TYPES.routeTableAttachment]: ["vswitchId"],
};

function describeConnection(resource: RecordedResource): string[] {
    const inputs = resource.inputs;
    const phase = (ike: any, ipsec: any) =>
        `${ike.ikeVersion} ${ike.ikeMode} ${ike.ikeEncAlg}/${ike.ikeAuthAlg}/${ike.ikePfs} ${ike.ikeLifetime}s; ` +
        `esp ${ipsec.ipsecEncAlg}/${ipsec.ipsecAuthAlg} pfs ${ipsec.ipsecPfs} ${ipsec.ipsecLifetime}s`;
    const lines = [`localSubnets=${inputs.localSubnets.join(",")} remoteSubnets=${inputs.remoteSubnets.join(",")}`];
    if (inputs.tunnelOptionsSpecifications) {
        for (const tunnel of inputs.tunnelOptionsSpecifications) {
            lines.push(
                `tunnel ${tunnel.role}: cgw=${tunnel.customerGatewayId} ${phase(tunnel.tunnelIkeConfig, tunnel.tunnelIpsecConfig)} ` +
                    `dpd=${tunnel.enableDpd} nat-t=${tunnel.enableNatTraversal} psk=[secret]` +
                    (inputs.enableTunnelsBgp && tunnel.tunnelBgpConfig
                        ? ` bgp AS ${tunnel.tunnelBgpConfig.localAsn} ${tunnel.tunnelBgpConfig.localBgpIp} in ${tunnel.tunnelBgpConfig.tunnelCidr}`
                        : ""),
            );
        }
    } else {
        lines.push(`cgw=${inputs.customerGatewayId} ${phase(inputs.ikeConfig, inputs.ipsecConfig)} dpd=${inputs.enableDpd} nat-t=${inputs.enableNatTraversal} psk=[secret]`);
    }
    return lines;
}

function describe(resource: RecordedResource, byUrn: Map<string, RecordedResource>): string[] {
    for (const cloud of PEER_CLOUD_EMULATORS) {
        const lines = cloud.describe(resource);
        if (lines) {
            return lines;
        }
    }
    if (resource.type === TYPES.connection) {
        const waits = resource.dependencies
            .map((urn) => byUrn.get(urn))
            .filter((r): r is RecordedResource => r?.type === TYPES.connection)
            .map((r) => r.name);
        return [...describeConnection(resource), ...(waits.length ? [`after ${waits.join(", ")} (one connection at a time per gateway)`] : [])];
    }
    const keys = SHOWN_INPUTS[resource.type] ?? [];
    const shown = keys
        .filter((k) => resource.inputs[k] !== undefined)
        .map((k) => `${k}=${resource.secretInputPaths.includes(k) ? "[secret]" : JSON.stringify(resource.inputs[k]).replace(/^"|"$/g, "")}`);
    if (resource.type === TYPES.gateway) {
        shown.push(`→ internetIp=${resource.outputs.internetIp}`);
        if (resource.outputs.disasterRecoveryInternetIp) {
            shown.push(`disasterRecoveryInternetIp=${resource.outputs.disasterRecoveryInternetIp}`);
        }
    }
    if (resource.type === TYPES.instance) {
        shown.push(`→ publicIp=${resource.outputs.publicIp}`);
    }
    if (resource.type === TYPES.vpc) {
        shown.push(`→ routeTableId=${resource.outputs.routeTableId}`);
    }
    return shown.length ? [shown.join(" ")] : [];
}

/** The preview-like tree: "+ type name (id)" per resource, children indented under their parent. */
export function renderTree(resources: RecordedResource[]): string {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const lines: string[] = [];
    const walk = (parent: string | undefined, depth: number) => {
        for (const resource of resources.filter((r) => r.parent === parent && !r.type.startsWith("pulumi:providers:"))) {
            const indent = "    ".repeat(depth);
            lines.push(`${indent}+ ${resource.type}  ${resource.name}${resource.id ? `  (${resource.id})` : ""}`);
            for (const detail of describe(resource, byUrn)) {
                lines.push(`${indent}      ${detail}`);
            }
            walk(resource.urn, depth + 1);
        }
    };
    walk(undefined, 0);
    return lines.join("\n");
}

/** Runs `scenario` on a fresh emulator. Throws TopologyError or StackFileError (bad config), EmulatedRefusalError (refusals). */
export async function planScenario(scenario: string, options: PlanOptions = {}): Promise<PlanReport> {
    const stackFile = options.stackFile ?? path.join(ROOT, `Pulumi.${scenario}-dev.yaml`);
    const stack = path.basename(stackFile).replace(/^Pulumi\.|\.yaml$/g, "");
    const config = { ...loadStackConfig(stackFile), ...options.configOverrides };
    const emulator = (options.emulator ?? new AlibabaCloudEmulator()).install({ project: PROJECT, stack, config });
    // Imported after install() so the program's resources register with the emulator.
    const { runScenario } = await import("../stacks/scenarios");
    let result: Awaited<ReturnType<typeof runScenario>>;
    try {
        result = await emulator.run(() => runScenario(config[`${PROJECT}:scenario`] ?? scenario));
    } catch (err) {
        // A program that awaited a refused resource's output fails with the refusal's consequence: report the cause.
        if (emulator.state.rejections.length > 0 && !(err instanceof TopologyError)) {
            throw new EmulatedRefusalError(emulator.state.rejections);
        }
        throw err;
    }
    if (emulator.state.rejections.length > 0) {
        throw new EmulatedRefusalError(emulator.state.rejections);
    }
    if (emulator.programErrors.length > 0) {
        throw emulator.programErrors[0];
    }
    const peerConfigs: Record<string, string> = {};
    const links: ResolvedLink[] = [];
    for (const link of result.links) {
        const [resolved, configs] = await Promise.all([resolve(link.resolved), resolve(link.peerConfigs)]);
        links.push(resolved);
        for (const [platform, text] of Object.entries(configs)) {
            // "frr": the FRR config beside a BGP link's strongSwan config (renderers/bgp.ts).
            peerConfigs[platform === "frr" ? `${resolved.name}.frr.conf` : RENDERERS[platform as PeerPlatform].fileName(resolved)] = text as string;
        }
    }
    Object.assign(peerConfigs, result.files ? await resolve(result.files) : {});
    const outputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(result.outputs)) {
        outputs[key] = await unsecret(value);
    }
    const report: PlanReport = {
        scenario,
        stack,
        tree: renderTree(emulator.state.resources),
        findings: result.findings,
        resources: emulator.state.resources,
        peerConfigs,
        links,
        outputs,
        topologyDot: topologyDot(emulator.state.resources, `${scenario} (${stack})`),
        emulator,
    };
    if (options.write !== false) {
        const outDir = options.outDir ?? path.join(ROOT, "out", scenario);
        fs.mkdirSync(outDir, { recursive: true });
        for (const [file, text] of Object.entries(peerConfigs)) {
            // Peer configs and client bundles hold keys: readable by the owner only.
            fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
            fs.writeFileSync(path.join(outDir, file), text, { mode: 0o600 });
        }
        fs.writeFileSync(path.join(outDir, "plan.txt"), report.tree + "\n");
        fs.writeFileSync(path.join(outDir, "topology.dot"), report.topologyDot);
        fs.writeFileSync(path.join(outDir, "topology.svg"), await renderSvg(report.topologyDot));
    }
    return report;
}

export function formatReport(report: PlanReport, outDir: string): string {
    const cloud = report.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
    const counts = new Map<string, number>();
    cloud.forEach((r) => counts.set(r.type, (counts.get(r.type) ?? 0) + 1));
    const lines = [
        `Offline plan of scenario "${report.scenario}" (stack ${report.stack}) on the Alibaba Cloud emulator`,
        "",
        report.tree,
        "",
        `Resources: ${cloud.length} to create (${[...counts].map(([t, n]) => `${n} ${t.split(":")[1].includes("/") ? t.split(":")[1] : t.split(":").slice(1).join("/")}`).join(", ")})`,
        "",
        `Checks: ${report.findings.length === 0 ? "no findings" : `${report.findings.length} warning(s)`}`,
        ...report.findings.map((f) => `  - ${formatFinding(f)}`),
        "",
        ...(report.emulator.state.warnings.length > 0
            ? [
                  `Emulated Alibaba Cloud accepted, but the real API may not: ${report.emulator.state.warnings.length} warning(s)`,
                  ...report.emulator.state.warnings.map((w) => `  - ${w.type} ${w.name}: ${w.message}`),
                  "",
              ]
            : []),
        "Outputs:",
        ...Object.entries(report.outputs).map(([k, v]) => `  ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`),
        "",
        `Topology picture: ${path.join(path.relative(process.cwd(), outDir) || ".", "topology.svg")} (Graphviz source: topology.dot)`,
        "",
        ...(Object.keys(report.peerConfigs).length > 0
            ? [
                  `Peer configs written to ${path.relative(process.cwd(), outDir) || "."}/ (they contain keys: readable by you only):`,
                  ...Object.keys(report.peerConfigs).map((file) => `  ${file}`),
              ]
            : ["Peer configs: none (every tunnel ends on an Alibaba VPN gateway the plan configures)."]),
    ];
    return lines.join("\n");
}

async function main(): Promise<number> {
    const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: {
            "stack-file": { type: "string" },
            out: { type: "string" },
            spokes: { type: "string" },
            help: { type: "boolean", short: "h" },
        },
    });
    const scenario = positionals[0];
    if (values.help || !scenario) {
        console.log(
            "usage: npm run plan -- <scenario> [--stack-file Pulumi.<stack>.yaml] [--out DIR]\n" +
                "       npm run plan -- hub-and-spoke --spokes N   (a Tokyo hub and N generated spokes)\n" +
                `scenarios: ${Object.keys(SCENARIOS).join(", ")}`,
        );
        return values.help ? 0 : 2;
    }
    const spokes = values.spokes === undefined ? undefined : Number(values.spokes);
    if (spokes !== undefined && scenario !== "hub-and-spoke") {
        console.error("--spokes applies to the hub-and-spoke scenario only.");
        return 2;
    }
    if (spokes !== undefined && !(Number.isInteger(spokes) && spokes >= 1 && spokes <= 250)) {
        console.error(`--spokes takes a whole number from 1 to 250 (one /16 of 10.0.0.0/8 each), not "${values.spokes}".`);
        return 2;
    }
    const outDir = values.out ?? path.join(ROOT, "out", spokes === undefined ? scenario : `${scenario}-${spokes}`);
    // Without an engine pulumi.log.warn writes "warning: [runtime] ..." to stderr; the report lists the same
    // findings under Checks, so hold those lines back and show them only when no report follows.
    const runtimeWarnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
        const text = args.map(String).join(" ");
        if (text.startsWith("warning: [runtime] ")) {
            runtimeWarnings.push(text.replace("warning: [runtime] ", ""));
        } else {
            warn(...args);
        }
    };
    try {
        const configOverrides = spokes === undefined ? undefined : { [`${PROJECT}:${HUB_AND_SPOKE_KEY}`]: JSON.stringify(syntheticHubAndSpoke(spokes)) };
        const report = await planScenario(scenario, { stackFile: values["stack-file"], outDir, configOverrides });
        console.log(formatReport(report, outDir));
        return 0;
    } catch (err) {
        const { status, message } = planFailure(err);
        console.error(message);
        if (status === EXIT.refused && runtimeWarnings.length > 0) {
            console.error(`Checks before the refusal: ${runtimeWarnings.length} warning(s)\n${runtimeWarnings.map((w) => `  - ${w}`).join("\n")}`);
        }
        return status;
    } finally {
        console.warn = warn;
    }
}

if (require.main === module) {
    // @pulumi/pulumi records a stack trace for every promise it creates (runtime/debuggable.js), and ts-node
    // source-maps each one: with Node's default of 10 frames that is over half the time of a 50-spoke plan.
    // The plan's errors carry their own messages, so one frame is enough here. PLAN_STACK_FRAMES overrides.
    Error.stackTraceLimit = Number(process.env.PLAN_STACK_FRAMES ?? 1);
    // Exit once stdout has drained: a large report piped to another program would otherwise be cut short.
    main().then((code) => process.stdout.write("", () => process.exit(code)));
}
