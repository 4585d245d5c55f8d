// An OpenVPN mesh (seed 003): one OpenVPN server on an Alibaba ECS instance, clients on other clouds'
// VMs, each routing its own LANs through the tunnel (ccd iroute), the server pushing every LAN to every
// client so LAN-to-LAN traffic works across clients (client-to-client). Plain values only, no Pulumi.
import { RESERVED_VPC_ROUTE_BLOCK, VPC_RESERVED_BLOCKS, reservedVpcRouteProblem } from "./alibaba";
import { cidrSyntaxError, containsAddress, contains, hasHostBits, isIpv4Address, overlaps, parseCidr, prefixLength } from "./cidr";
import { Finding } from "./findings";
import * as ipaddr from "ipaddr.js";

export const OpenVpnProtocol = { Udp: "udp", Tcp: "tcp" } as const;
export type OpenVpnProtocol = (typeof OpenVpnProtocol)[keyof typeof OpenVpnProtocol];
export const OPENVPN_PROTOCOLS = Object.values(OpenVpnProtocol) as [OpenVpnProtocol, ...OpenVpnProtocol[]];

/** Clouds the client bundles carry cloud-side notes for (forwarding switches, route tables). */
export const ClientCloud = { Huawei: "huawei", Tencent: "tencent", Other: "other" } as const;
export type ClientCloud = (typeof ClientCloud)[keyof typeof ClientCloud];
export const CLIENT_CLOUDS = Object.values(ClientCloud) as [ClientCloud, ...ClientCloud[]];

/** How the server's private key and tls-crypt key reach the instance. */
export const KeyDelivery = {
    /** OOS secret parameters read at boot by a RAM role limited to them (the default). */
    OosSecretParameter: "oos-secret-parameter",
    /** Inline in the instance's user data (explicit opt-in, with a warning). */
    UserData: "user-data",
} as const;
export type KeyDelivery = (typeof KeyDelivery)[keyof typeof KeyDelivery];
export const KEY_DELIVERIES = Object.values(KeyDelivery) as [KeyDelivery, ...KeyDelivery[]];

/**
 * Certificate common names: OpenVPN looks up the ccd file by the client certificate's CN, and (without
 * --compat-names) remaps every character outside [A-Za-z0-9_.@-] to "_", so a CN outside this set would
 * silently miss its ccd file (openvpn(8), --client-config-dir and "String Types and Remapping").
 */
/**
 * The mesh's name prefixes the RAM role and policy (letters, digits, '-'), the security group (starts with a
 * letter), the host name, the OOS parameter names and the systemd unit: the intersection of their rules.
 */
export const MESH_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;

export const COMMON_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export interface MeshClientSpec {
    /** Certificate CN, ccd file name and bundle name, e.g. "huawei-es". */
    name: string;
    /** The client VM's fixed public IPv4 address: the security group admits the OpenVPN port from it. */
    publicIp?: string;
    /** Networks behind the client (its VPC or subnets) that the mesh routes to it. */
    lans: string[];
    /** The cloud the client runs on, for the bundle's cloud-side notes. Default "other". */
    cloud?: ClientCloud;
}

/** The seed's legacy data-channel options, kept only for clients that cannot be updated yet. */
export interface LegacyCompat {
    /** Why the mesh still needs them; shown in the warning. */
    reason: string;
}

export interface OpenVpnMeshSpec {
    name: string;
    /** The server VPC's CIDR block: pushed to every client, routed back through the server. */
    serverVpcCidr: string;
    /** The tunnel address pool (OpenVPN `server` directive). Default 10.8.0.0/24 (the seed's). */
    tunnelCidr?: string;
    /** Default 1194. */
    port?: number;
    /** Default "udp". */
    proto?: OpenVpnProtocol;
    clients: MeshClientSpec[];
    /** Open the OpenVPN port to 0.0.0.0/0 for clients without a fixed public IP. Default false. */
    allowAnySource?: boolean;
    /** `cipher AES-256-CBC` and `comp-lzo` from seed 003, for old clients. Off by default. */
    legacyCompat?: LegacyCompat;
    /** Default "oos-secret-parameter". */
    keyDelivery?: KeyDelivery;
}

/** A spec with its defaults filled in. */
export interface ResolvedMesh {
    name: string;
    serverVpcCidr: string;
    tunnelCidr: string;
    port: number;
    proto: OpenVpnProtocol;
    clients: Array<Required<Omit<MeshClientSpec, "publicIp">> & { publicIp?: string }>;
    allowAnySource: boolean;
    legacyCompat?: LegacyCompat;
    keyDelivery: KeyDelivery;
    /** The server certificate's CN (clients check it with verify-x509-name). */
    serverCommonName: string;
}

export const DEFAULT_TUNNEL_CIDR = "10.8.0.0/24";
export const DEFAULT_OPENVPN_PORT = 1194;

export function resolveMesh(spec: OpenVpnMeshSpec): ResolvedMesh {
    return {
        name: spec.name,
        serverVpcCidr: spec.serverVpcCidr,
        tunnelCidr: spec.tunnelCidr ?? DEFAULT_TUNNEL_CIDR,
        port: spec.port ?? DEFAULT_OPENVPN_PORT,
        proto: spec.proto ?? "udp",
        clients: spec.clients.map((c) => ({ name: c.name, publicIp: c.publicIp, lans: c.lans, cloud: c.cloud ?? "other" })),
        allowAnySource: spec.allowAnySource ?? false,
        legacyCompat: spec.legacyCompat,
        keyDelivery: spec.keyDelivery ?? "oos-secret-parameter",
        serverCommonName: `${spec.name}-server`,
    };
}

/** Every LAN of the mesh with where it lives: the server VPC first, then each client's LANs. */
export function meshLans(mesh: Pick<ResolvedMesh, "serverVpcCidr" | "clients">): Array<{ cidr: string; owner: string }> {
    return [
        { cidr: mesh.serverVpcCidr, owner: "server" },
        ...mesh.clients.flatMap((c) => c.lans.map((cidr) => ({ cidr, owner: c.name }))),
    ];
}

function blockProblem(text: string): string | undefined {
    const syntax = cidrSyntaxError(text);
    if (syntax) {
        return syntax;
    }
    return hasHostBits(text) ? `host bits are set; the network is ${parseCidr(text).text}` : undefined;
}

function isPublicAddress(ip: string): boolean {
    const range = ipaddr.IPv4.parse(ip).range();
    // RFC 5737 documentation blocks stand in for public addresses in samples and tests.
    const documentation = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].some((b) => ipaddr.IPv4.parse(ip).match(ipaddr.IPv4.parseCIDR(b)));
    return range === "unicast" || documentation;
}

/**
 * Every problem of a mesh's plain values. `path` is the user's config prefix
 * ("alicloud-vpn:openvpn-mesh"); each finding names the field as written there and the fix.
 */
export function validateMesh(spec: OpenVpnMeshSpec, path: string): Finding[] {
    const mesh = resolveMesh(spec);
    const at = (field: string) => `${path}.${field}`;
    const site = mesh.name;
    const findings: Finding[] = [];
    const push = (f: Omit<Finding, "site">) => findings.push({ site, ...f });

    if (!MESH_NAME_PATTERN.test(mesh.name)) {
        push({
            severity: "error",
            code: "mesh.bad-name",
            field: at("name"),
            value: mesh.name,
            allowed: "1 to 40 letters, digits and '-', starting with a letter",
            message: "the name prefixes the RAM role, the policy, the security group, the host name and the OOS parameters, whose names allow only these characters.",
            fix: `rename it, e.g. ${JSON.stringify(mesh.name.replace(/[^A-Za-z0-9-]/g, "-").replace(/^[^A-Za-z]+/, "") || "mesh")}.`,
        });
    }
    const vpcProblem = blockProblem(mesh.serverVpcCidr);
    if (vpcProblem) {
        push({ severity: "error", code: "mesh.bad-vpc-cidr", field: at("vpcCidr"), value: mesh.serverVpcCidr, message: `${vpcProblem}.`, fix: `set ${at("vpcCidr")} to the server VPC's block, e.g. 172.31.0.0/16.` });
    }
    findings.push(...checkTunnel(mesh, at, !vpcProblem));
    findings.push(...checkClients(mesh, at));
    findings.push(...checkLanOverlaps(mesh, at, !vpcProblem));
    findings.push(...checkOptIns(mesh, at));
    return findings;
}

function checkTunnel(mesh: ResolvedMesh, at: (f: string) => string, vpcOk: boolean): Finding[] {
    const findings: Finding[] = [];
    const site = mesh.name;
    const field = at("tunnelCidr");
    const problem = blockProblem(mesh.tunnelCidr);
    if (problem) {
        findings.push({ severity: "error", code: "mesh.bad-tunnel-cidr", site, field, value: mesh.tunnelCidr, message: `${problem}.`, fix: `set ${field} to a private block no LAN uses, e.g. ${DEFAULT_TUNNEL_CIDR}.` });
        return findings;
    }
    // topology subnet: the server takes .1, network and broadcast are unusable, one address per client.
    const size = 2 ** (32 - prefixLength(mesh.tunnelCidr));
    const needed = mesh.clients.length + 4;
    if (prefixLength(mesh.tunnelCidr) > 29 || size < needed) {
        findings.push({
            severity: "error",
            code: "mesh.tunnel-pool-too-small",
            site,
            field,
            value: mesh.tunnelCidr,
            message: `the pool has ${size} addresses; topology subnet needs the network, broadcast and server addresses plus one per client (${mesh.clients.length}).`,
            fix: `widen ${field}, e.g. to a /24.`,
        });
    }
    if (vpcOk && overlaps(mesh.tunnelCidr, mesh.serverVpcCidr)) {
        findings.push({
            severity: "error",
            code: "mesh.tunnel-overlaps-vpc",
            site,
            field,
            value: mesh.tunnelCidr,
            message: `overlaps the server VPC ${mesh.serverVpcCidr}; the VPC route sending the pool to the server would collide with the VPC's own vSwitches.`,
            fix: `choose ${field} outside ${mesh.serverVpcCidr}, e.g. ${DEFAULT_TUNNEL_CIDR}.`,
        });
    }
    if (overlaps(mesh.tunnelCidr, "100.64.0.0/10")) {
        findings.push({
            severity: "error",
            code: "mesh.tunnel-in-reserved-block",
            site,
            field,
            value: mesh.tunnelCidr,
            message: "Alibaba reserves 100.64.0.0/10 for its own services; a VPC route into it is refused.",
            fix: `choose ${field} in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.`,
        });
    }
    if (!Number.isInteger(mesh.port) || mesh.port < 1 || mesh.port > 65535) {
        findings.push({ severity: "error", code: "mesh.bad-port", site, field: at("port"), value: mesh.port, allowed: "1 to 65535", message: "not a port number.", fix: `set ${at("port")} to ${DEFAULT_OPENVPN_PORT}.` });
    }
    if (!(OPENVPN_PROTOCOLS as readonly string[]).includes(mesh.proto)) {
        findings.push({ severity: "error", code: "mesh.bad-proto", site, field: at("proto"), value: mesh.proto, allowed: OPENVPN_PROTOCOLS.join(", "), message: "OpenVPN runs over UDP or TCP.", fix: `set ${at("proto")} to udp.` });
    }
    return findings;
}

function checkClients(mesh: ResolvedMesh, at: (f: string) => string): Finding[] {
    const findings: Finding[] = [];
    const site = mesh.name;
    if (mesh.clients.length === 0) {
        findings.push({ severity: "error", code: "mesh.no-clients", site, field: at("clients"), value: [], message: "a mesh needs at least one client.", fix: `add a client under ${at("clients")}.` });
    }
    const seen = new Map<string, number>();
    mesh.clients.forEach((client, i) => {
        const field = (f: string) => at(`clients[${i}].${f}`);
        if (!COMMON_NAME_PATTERN.test(client.name)) {
            findings.push({
                severity: "error",
                code: "mesh.bad-client-name",
                site,
                field: field("name"),
                value: client.name,
                allowed: "1 to 64 characters: letters, digits, '.', '_', '-', starting with a letter or digit",
                message: "the name is the certificate CN and the ccd file name; OpenVPN remaps other characters to '_' and would miss the ccd file.",
                fix: `rename it, e.g. ${JSON.stringify(client.name.replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[^A-Za-z0-9]+/, "") || "client-1")}.`,
            });
        }
        const key = client.name.toLowerCase();
        const reserved = key === mesh.serverCommonName.toLowerCase();
        if (seen.has(key) || reserved) {
            findings.push({
                severity: "error",
                code: "mesh.duplicate-client-name",
                site,
                field: field("name"),
                value: client.name,
                message: reserved
                    ? "is the server certificate's CN; a client with it would pass verify-x509-name as the server."
                    : `repeats ${at(`clients[${seen.get(key)}].name`)} (compared without case): two certificates with one CN share a ccd file and evict each other.`,
                fix: `give every client its own name.`,
            });
        }
        seen.set(key, i);
        if (client.publicIp !== undefined && (!isIpv4Address(client.publicIp) || !isPublicAddress(client.publicIp))) {
            findings.push({
                severity: "error",
                code: "mesh.bad-client-ip",
                site,
                field: field("publicIp"),
                value: client.publicIp,
                message: "the security group admits the client by its public IPv4 address; this is not one.",
                fix: `set ${field("publicIp")} to the VM's elastic/public IP, or remove it and set ${at("allowAnySource")}: true.`,
            });
        }
        if (client.publicIp === undefined) {
            findings.push({
                severity: mesh.allowAnySource ? "warning" : "error",
                code: "mesh.client-without-ip",
                site,
                field: field("publicIp"),
                message: mesh.allowAnySource
                    ? `has no fixed public IP, so the OpenVPN port is open to 0.0.0.0/0 (certificates and tls-crypt still gate it).`
                    : "has no fixed public IP; the security group opens the OpenVPN port only to named peers.",
                fix: mesh.allowAnySource ? `give the client an elastic IP and set ${field("publicIp")}.` : `set ${field("publicIp")}, or set ${at("allowAnySource")}: true to open the port to any source.`,
            });
        }
    });
    return findings;
}

function checkLanOverlaps(mesh: ResolvedMesh, at: (f: string) => string, vpcOk: boolean): Finding[] {
    const findings: Finding[] = [];
    const site = mesh.name;
    // Fields of the blocks checked so far, to name the earlier one in an overlap.
    const valid: Array<{ cidr: string; field: string }> = vpcOk ? [{ cidr: mesh.serverVpcCidr, field: at("vpcCidr") }] : [];
    const tunnelOk = !blockProblem(mesh.tunnelCidr);
    mesh.clients.forEach((client, i) => {
        client.lans.forEach((lan, j) => {
            const field = at(`clients[${i}].lans[${j}]`);
            const problem = blockProblem(lan);
            if (problem) {
                findings.push({ severity: "error", code: "mesh.bad-lan", site, field, value: lan, message: `${problem}.`, fix: `write the network block, e.g. ${cidrSyntaxError(lan) ? "192.168.0.0/24" : parseCidr(lan).text}.` });
                return;
            }
            // Each LAN becomes a VPC route to the server (CreateRouteEntry rules: reservedVpcRouteProblem).
            const reserved = reservedVpcRouteProblem(parseCidr(lan).text);
            if (reserved) {
                findings.push({
                    severity: reserved.severity,
                    code: "mesh.lan-in-reserved-block",
                    site,
                    field,
                    value: lan,
                    message: `the mesh routes each LAN from the VPC to the server: ${reserved.message}`,
                    fix: `renumber that LAN out of ${RESERVED_VPC_ROUTE_BLOCK}, or leave it out of ${field}.`,
                });
            }
            if (tunnelOk && overlaps(lan, mesh.tunnelCidr)) {
                findings.push({ severity: "error", code: "mesh.lan-overlaps-tunnel", site, field, value: lan, message: `overlaps the tunnel pool ${mesh.tunnelCidr}.`, fix: `move ${at("tunnelCidr")} to a block no LAN uses.` });
            }
            const clash = valid.find((v) => overlaps(v.cidr, lan));
            if (clash) {
                findings.push({
                    severity: "error",
                    code: "mesh.lans-overlap",
                    site,
                    field,
                    value: lan,
                    message: `overlaps ${clash.field} (${clash.cidr}); a route can send a destination to one site only (seed 003 joins VPCs that must not share addresses).`,
                    fix: `renumber one of the networks, or list only the non-overlapping subnets in ${field}.`,
                });
            }
            valid.push({ cidr: lan, field });
        });
    });
    return findings;
}

function checkOptIns(mesh: ResolvedMesh, at: (f: string) => string): Finding[] {
    const findings: Finding[] = [];
    const site = mesh.name;
    if (mesh.legacyCompat) {
        findings.push({
            severity: "warning",
            code: "mesh.legacy-cipher",
            site,
            field: at("legacyCompat"),
            value: mesh.legacyCompat.reason,
            message: "AES-256-CBC is accepted as the data-ciphers-fallback for clients that cannot negotiate AEAD ciphers (seed 003's `cipher AES-256-CBC`).",
            fix: `update the old clients to OpenVPN 2.5+ and remove ${at("legacyCompat")}.`,
        });
        findings.push({
            severity: "warning",
            code: "mesh.legacy-compression",
            site,
            field: at("legacyCompat"),
            value: mesh.legacyCompat.reason,
            message: "comp-lzo framing is on (allow-compression asym: the server decompresses but never compresses); compression before encryption leaks plaintext (VORACLE).",
            fix: `remove comp-lzo from the old clients and ${at("legacyCompat")} from the config.`,
        });
    }
    if (mesh.keyDelivery === "user-data") {
        findings.push({
            severity: "warning",
            code: "mesh.keys-in-user-data",
            site,
            field: at("keyDelivery"),
            value: mesh.keyDelivery,
            message: "the server's private key and tls-crypt key are embedded in the instance's user data, which anyone with ecs:DescribeUserData and any process on the instance (metadata service) can read.",
            fix: `set ${at("keyDelivery")}: oos-secret-parameter (the default).`,
        });
    }
    if (!(KEY_DELIVERIES as readonly string[]).includes(mesh.keyDelivery)) {
        findings.push({ severity: "error", code: "mesh.bad-key-delivery", site, field: at("keyDelivery"), value: mesh.keyDelivery, allowed: KEY_DELIVERIES.join(", "), message: "unknown key delivery.", fix: `set ${at("keyDelivery")}: oos-secret-parameter.` });
    }
    return findings;
}

/** Where the mesh server sits: the stack's VPC, its vSwitch and the instance's fixed private address. */
export interface MeshPlacement {
    vpcCidr: string;
    vswitch: { cidr: string; zoneId?: string };
    /** The server's private IP, when fixed. */
    privateIp?: string;
}

/**
 * The server's placement, before anything exists: the VPC outside Alibaba's reserved blocks (CreateVpc), the vSwitch
 * inside the VPC (CreateVSwitch), the private IP inside the vSwitch and not one of the addresses Alibaba keeps
 * (the first and the last three of each vSwitch: Alibaba's vSwitch documentation,
 * the CreateVSwitchCidrReservation reference, https://www.alibabacloud.com/help/en/vpc/api-610154).
 * `path` is the mesh's config prefix ("alicloud-vpn:openvpn-mesh"): fields are `vpcCidr`, `vswitch.cidr`, `server.privateIp`.
 */
export function checkMeshPlacement(placement: MeshPlacement, path: string, site?: string): Finding[] {
    const findings: Finding[] = [];
    const at = (field: string) => `${path}.${field}`;
    const vpcOk = !blockProblem(placement.vpcCidr);
    const vswOk = !blockProblem(placement.vswitch.cidr);
    if (vpcOk) {
        const reserved = VPC_RESERVED_BLOCKS.find((b) => overlaps(placement.vpcCidr, b));
        if (reserved) {
            findings.push({
                severity: "error",
                code: "mesh.vpc-in-reserved-block",
                site,
                field: at("vpcCidr"),
                value: placement.vpcCidr,
                message: `the VPC block overlaps ${reserved}, which Alibaba reserves; CreateVpc refuses it.`,
                fix: `choose ${at("vpcCidr")} in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. 172.31.0.0/16.`,
            });
        }
    }
    if (!vswOk) {
        findings.push({
            severity: "error",
            code: "mesh.bad-vswitch-cidr",
            site,
            field: at("vswitch.cidr"),
            value: placement.vswitch.cidr,
            message: `${blockProblem(placement.vswitch.cidr)}.`,
            fix: `set ${at("vswitch.cidr")} to a network inside ${placement.vpcCidr}.`,
        });
    } else if (vpcOk && !contains(placement.vpcCidr, placement.vswitch.cidr)) {
        const example = `${parseCidr(placement.vpcCidr).network.toString()}/${Math.max(prefixLength(placement.vpcCidr), prefixLength(placement.vswitch.cidr))}`;
        findings.push({
            severity: "error",
            code: "mesh.vswitch-outside-vpc",
            site,
            field: at("vswitch.cidr"),
            value: placement.vswitch.cidr,
            message: `the vSwitch block is not inside the VPC block ${placement.vpcCidr}; CreateVSwitch refuses it.`,
            fix: `choose ${at("vswitch.cidr")} inside ${placement.vpcCidr} (e.g. ${example}), or widen ${at("vpcCidr")}.`,
        });
    }
    const ip = placement.privateIp;
    if (ip !== undefined && vswOk) {
        const field = at("server.privateIp");
        const block = parseCidr(placement.vswitch.cidr);
        const toUint = (a: string) => a.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
        if (!isIpv4Address(ip) || !containsAddress(placement.vswitch.cidr, ip)) {
            findings.push({
                severity: "error",
                code: "mesh.private-ip-outside-vswitch",
                site,
                field,
                value: ip,
                message: `the server's private IP must be an address of its vSwitch ${placement.vswitch.cidr}.`,
                fix: `choose ${field} inside ${placement.vswitch.cidr}, e.g. ${usableExample(block)}, or leave it unset to let Alibaba pick one.`,
            });
        } else if (toUint(ip) === block.first || toUint(ip) > block.last - 3) {
            findings.push({
                severity: "error",
                code: "mesh.private-ip-reserved",
                site,
                field,
                value: ip,
                message: `Alibaba keeps the first and the last three addresses of each vSwitch (${placement.vswitch.cidr}); an instance cannot have ${ip}.`,
                fix: `choose another address of ${placement.vswitch.cidr}, e.g. ${usableExample(block)}.`,
            });
        }
    }
    return findings;
}

/** An address Alibaba lets an instance use in a vSwitch: the 11th (the 2nd in a /29). */
function usableExample(block: { first: number; last: number }): string {
    const address = block.first + (block.last - block.first >= 15 ? 10 : 1);
    return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}
