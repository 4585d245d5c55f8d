// The AWS end of the lab: strongSwan plays AWS Site-to-Site VPN's tunnel endpoints, configured from the
// aws:ec2/vpnConnection:VpnConnection resources AS THE EMULATOR RECORDED THEM (inputs as the provider would send
// them to CreateVpnConnection, outside addresses as AWS reported them), not from the library's profile. Like
// lab/alibabaSide.ts it restates AWS's semantics on raw inputs: if the library sent AWS something other than what it
// sent Alibaba, the two ends of the lab disagree and the tunnel fails.
//
// AWS semantics (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html and
// https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html):
// - every tunnel option is a list of permitted values; unset lists permit all of AWS's defaults (both IKE versions,
//   AES128/AES256/AES128-GCM-16/AES256-GCM-16, SHA1/SHA2-256/384/512, DH 2, 14-24 in phase 1 and 2, 5, 14-24 in
//   phase 2); phase 1 lifetime default 28800 s, phase 2 3600 s; rekey margin 270 s by default;
// - AWS always runs PFS in phase 2 (there is no "none" among the phase 2 DH groups);
// - each tunnel answers IKE on its own outside address (tunnelNAddress) from its connection's customer gateway
//   address only; identities are the addresses;
// - startup action "add" (default): AWS only responds; "start": AWS initiates;
// - a static-route VPN connection's traffic selectors are its localIpv4NetworkCidr (customer side) and
//   remoteIpv4NetworkCidr (AWS side), both 0.0.0.0/0 by default: AWS accepts what the customer gateway proposes.
import { AWS_TYPES, EmulatorState, RecordedResource } from "../emulator";
import { SiteSpec } from "./netns";
import { swanctlSecrets } from "../renderers/strongswan";

const ENCRYPTION: Record<string, string> = {
    AES128: "aes128",
    AES256: "aes256",
    "AES128-GCM-16": "aes128gcm16",
    "AES256-GCM-16": "aes256gcm16",
};
const INTEGRITY: Record<string, string> = { SHA1: "sha1", "SHA2-256": "sha256", "SHA2-384": "sha384", "SHA2-512": "sha512" };
const DH: Record<number, string> = {
    2: "modp1024", 5: "modp1536", 14: "modp2048", 15: "modp3072", 16: "modp4096", 17: "modp6144", 18: "modp8192",
    19: "ecp256", 20: "ecp384", 21: "ecp521", 22: "modp1024s160", 23: "modp2048s224", 24: "modp2048s256",
};
const DEFAULTS = {
    ikeVersions: ["ikev1", "ikev2"],
    encryption: ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"],
    integrity: ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"],
    phase1Dh: [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    phase2Dh: [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    phase1Lifetime: 28800,
    phase2Lifetime: 3600,
    rekeyMargin: 270,
};

/** One AWS tunnel of a recorded VPN connection, AWS's defaults applied. */
export interface AwsTunnel {
    connectionName: string;
    connectionId: string;
    /** 1 or 2. */
    tunnel: number;
    /** AWS's outside address of this tunnel (this end). */
    outsideIp: string;
    /** The customer gateway's address (the peer: an Alibaba gateway address). */
    customerGatewayIp: string;
    ikeVersions: string[];
    phase1Encryption: string[];
    phase1Integrity: string[];
    phase1Dh: number[];
    phase1Lifetime: number;
    phase2Encryption: string[];
    phase2Integrity: string[];
    phase2Dh: number[];
    phase2Lifetime: number;
    rekeyMargin: number;
    psk: string;
    startupAction: string;
    dpdTimeoutAction: string;
    /** AWS's side and the customer's side of the traffic selectors. */
    awsSubnet: string;
    customerSubnet: string;
}

/** The two tunnels of one recorded aws:ec2/vpnConnection:VpnConnection. */
export function awsTunnels(state: EmulatorState, connection: RecordedResource): AwsTunnel[] {
    if (connection.type !== AWS_TYPES.vpnConnection) {
        throw new Error(`${connection.name} is a ${connection.type}, not an AWS VPN connection`);
    }
    const i = connection.inputs;
    const o = connection.outputs;
    const cgw = state.findById(i.customerGatewayId);
    if (!cgw || cgw.type !== AWS_TYPES.customerGateway) {
        throw new Error(`VPN connection ${connection.name}: the emulator recorded no customer gateway ${i.customerGatewayId}`);
    }
    return [1, 2].map((n) => {
        const t = (key: string) => i[`tunnel${n}${key}`];
        const list = <T>(key: string, fallback: T[]): T[] => (Array.isArray(t(key)) && t(key).length > 0 ? t(key) : fallback);
        const psk = o[`tunnel${n}PresharedKey`];
        if (!psk) {
            throw new Error(`VPN connection ${connection.name} tunnel ${n}: no pre-shared key recorded`);
        }
        return {
            connectionName: connection.name,
            connectionId: connection.id,
            tunnel: n,
            outsideIp: o[`tunnel${n}Address`],
            customerGatewayIp: cgw.inputs.ipAddress,
            ikeVersions: list("IkeVersions", DEFAULTS.ikeVersions),
            phase1Encryption: list("Phase1EncryptionAlgorithms", DEFAULTS.encryption),
            phase1Integrity: list("Phase1IntegrityAlgorithms", DEFAULTS.integrity),
            phase1Dh: list("Phase1DhGroupNumbers", DEFAULTS.phase1Dh),
            phase1Lifetime: t("Phase1LifetimeSeconds") ?? DEFAULTS.phase1Lifetime,
            phase2Encryption: list("Phase2EncryptionAlgorithms", DEFAULTS.encryption),
            phase2Integrity: list("Phase2IntegrityAlgorithms", DEFAULTS.integrity),
            phase2Dh: list("Phase2DhGroupNumbers", DEFAULTS.phase2Dh),
            phase2Lifetime: t("Phase2LifetimeSeconds") ?? DEFAULTS.phase2Lifetime,
            rekeyMargin: t("RekeyMarginTimeSeconds") ?? DEFAULTS.rekeyMargin,
            psk,
            startupAction: t("StartupAction") ?? "add",
            dpdTimeoutAction: t("DpdTimeoutAction") ?? "clear",
            awsSubnet: i.remoteIpv4NetworkCidr ?? "0.0.0.0/0",
            customerSubnet: i.localIpv4NetworkCidr ?? "0.0.0.0/0",
        };
    });
}

function mapped<K extends string | number>(table: Record<K, string>, values: K[], what: string, t: AwsTunnel): string[] {
    return values.map((v) => {
        const out = table[v];
        if (!out) {
            throw new Error(`VPN connection ${t.connectionName} tunnel ${t.tunnel}: ${what} ${v} is not a value AWS accepts`);
        }
        return out;
    });
}

/**
 * strongSwan proposals for a list of permitted values: one proposal holding every permitted algorithm (IKEv2
 * proposals may carry several of each kind; GCM goes in a proposal of its own, with no integrity algorithm).
 */
function proposals(encryption: string[], integrity: string[], dh: string[], prf: boolean): string {
    const cbc = encryption.filter((e) => !e.includes("gcm"));
    const gcm = encryption.filter((e) => e.includes("gcm"));
    const out: string[] = [];
    if (cbc.length > 0) out.push([...cbc, ...integrity, ...dh].join("-"));
    if (gcm.length > 0) out.push([...gcm, ...(prf ? integrity.map((i) => `prf${i}`) : []), ...dh].join("-"));
    return out.join(",");
}

export function awsIkeProposals(t: AwsTunnel): string {
    return proposals(
        mapped(ENCRYPTION, t.phase1Encryption as any, "phase 1 encryption", t),
        mapped(INTEGRITY, t.phase1Integrity as any, "phase 1 integrity", t),
        mapped(DH, t.phase1Dh, "phase 1 DH group", t),
        true,
    );
}

export function awsEspProposals(t: AwsTunnel): string {
    return proposals(
        mapped(ENCRYPTION, t.phase2Encryption as any, "phase 2 encryption", t),
        mapped(INTEGRITY, t.phase2Integrity as any, "phase 2 integrity", t),
        mapped(DH, t.phase2Dh, "phase 2 DH group", t),
        false,
    );
}

/** Connection (and child) name in the AWS end's swanctl.conf: `<vpn connection resource>-t<n>`. */
export function awsConnectionName(t: AwsTunnel): string {
    return `${t.connectionName.replace(/[^A-Za-z0-9_-]/g, "-")}-t${t.tunnel}`;
}

/** swanctl.conf of AWS's tunnel endpoints for these tunnels. One key = value a line. */
export function renderAwsSwanctl(tunnels: readonly AwsTunnel[]): string {
    const out = ["# AWS Site-to-Site VPN tunnel endpoints, played by strongSwan in the lab (lab/awsSide.ts).", "connections {"];
    for (const t of tunnels) {
        const name = awsConnectionName(t);
        const versions = new Set(t.ikeVersions);
        // swanctl: version 0 accepts both IKEv1 and IKEv2 as a responder.
        const version = versions.size === 2 ? 0 : versions.has("ikev2") ? 2 : 1;
        out.push(
            `    ${name} {`,
            `        # ${t.connectionId} tunnel ${t.tunnel}: ${t.ikeVersions.join(",")} ${t.phase1Encryption}/${t.phase1Integrity}/dh${t.phase1Dh} ${t.phase1Lifetime}s; ` +
                `${t.phase2Encryption}/${t.phase2Integrity} pfs dh${t.phase2Dh} ${t.phase2Lifetime}s`,
            `        version = ${version}`,
            `        local_addrs = ${t.outsideIp}`,
            `        remote_addrs = ${t.customerGatewayIp}`,
            `        proposals = ${awsIkeProposals(t)}`,
            // The hard lifetime is the configured one; AWS rekeys rekeyMargin seconds before it.
            `        rekey_time = ${t.phase1Lifetime - t.rekeyMargin}s`,
            `        over_time = ${t.rekeyMargin}s`,
            "        mobike = no",
            "        dpd_delay = 10s",
            "        encap = no",
            "        local {",
            "            auth = psk",
            `            id = ${t.outsideIp}`,
            "        }",
            "        remote {",
            "            auth = psk",
            `            id = ${t.customerGatewayIp}`,
            "        }",
            "        children {",
            `            ${name} {`,
            `                local_ts = ${t.awsSubnet}`,
            `                remote_ts = ${t.customerSubnet}`,
            `                esp_proposals = ${awsEspProposals(t)}`,
            `                life_time = ${t.phase2Lifetime}s`,
            `                rekey_time = ${t.phase2Lifetime - t.rekeyMargin}s`,
            `                start_action = ${t.startupAction === "start" ? "start" : "none"}`,
            `                dpd_action = ${t.dpdTimeoutAction === "restart" ? "restart" : t.dpdTimeoutAction === "none" ? "none" : "clear"}`,
            "            }",
            "        }",
            "    }",
        );
    }
    out.push(...swanctlSecrets(tunnels.map((t) => ({ name: awsConnectionName(t), localId: t.outsideIp, remoteId: t.customerGatewayIp, psk: t.psk }))));
    return out.join("\n");
}

export interface AwsSite {
    tunnels: AwsTunnel[];
    swanctlConf: string;
    spec: SiteSpec;
}

/** Every recorded AWS VPN connection's tunnels as one lab site (AWS's endpoints share no state; one charon is enough). */
export function buildAwsSite(
    state: EmulatorState,
    options: { name?: string; lanAddresses: string[]; tunnelFilter?: (t: AwsTunnel) => boolean },
): AwsSite {
    const tunnels = state
        .ofType(AWS_TYPES.vpnConnection)
        .flatMap((c) => awsTunnels(state, c))
        .filter((t) => options.tunnelFilter?.(t) ?? true);
    const swanctlConf = renderAwsSwanctl(tunnels);
    return {
        tunnels,
        swanctlConf,
        spec: {
            name: options.name ?? "aws",
            publicIps: [...new Set(tunnels.map((t) => t.outsideIp))],
            lanAddresses: options.lanAddresses,
            daemon: { kind: "strongswan", swanctlConf },
            forward: true,
            description: `AWS Site-to-Site VPN endpoints of ${[...new Set(tunnels.map((t) => t.connectionId))].join(", ")}`,
        },
    };
}
