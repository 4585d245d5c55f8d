// The Alibaba end of the lab: strongSwan plays the VPN gateway, configured from the IPsec connection
// resources AS THE EMULATOR RECORDED THEIR INPUTS (what the provider would send to CreateVpnConnection),
// not from the library's profile and not through its peer renderer. Like emulator/rules.ts, this file
// re-states Alibaba's semantics on raw inputs on purpose: if the library sent Alibaba something other
// than what it rendered for the peer, the two ends of the lab disagree and the tunnel fails.
//
// Alibaba semantics (CreateVpnConnection API reference, @pulumi/alicloud vpn/connection.d.ts, docs/notes.md):
// - unset fields take the API defaults: ikev1, main, aes, md5, group2, 86400 s; IPsec aes, md5, group2, 86400 s;
// - "aes" is AES-128; groupN are the MODP groups of RFC 2409/3526; ipsecPfs "disabled" means no DH in phase 2;
// - the gateway's identity defaults to its tunnel's public IP, the peer's to the customer gateway's IP;
// - dual-tunnel: master uses the gateway's internetIp, slave its disasterRecoveryInternetIp; both tunnels
//   are negotiated, the master carries the traffic (VPN Gateway docs, "IPsec-VPN connections", Tunnel roles);
// - effectImmediately true: the gateway initiates at once; false: negotiation starts on traffic;
// - localSubnets / remoteSubnets are the protected data flows (traffic selectors); IKEv1 carries one pair.
import { EmulatorState, RecordedResource, TYPES } from "../emulator";
import { addressInBlock, contains, containsAddress } from "../model/cidr";
import { STRONGSWAN_CONF_BEGIN, STRONGSWAN_CONF_END, swanctlSecrets, value } from "../renderers/strongswan";
import { DaemonSpec, SiteSpec } from "./netns";

/** Alibaba's API defaults for unset fields (CreateVpnConnection). */
export const ALIBABA_IKE_DEFAULTS = { ikeVersion: "ikev1", ikeMode: "main", ikeEncAlg: "aes", ikeAuthAlg: "md5", ikePfs: "group2", ikeLifetime: 86400 };
export const ALIBABA_IPSEC_DEFAULTS = { ipsecEncAlg: "aes", ipsecAuthAlg: "md5", ipsecPfs: "group2", ipsecLifetime: 86400 };

/** Alibaba encryption names -> strongSwan proposal keywords ("aes" alone would be ambiguous: it is AES-128). */
const ENCRYPTION: Record<string, string> = { aes: "aes128", aes192: "aes192", aes256: "aes256", des: "des", "3des": "3des" };
const INTEGRITY: Record<string, string> = { md5: "md5", sha1: "sha1", sha256: "sha256", sha384: "sha384", sha512: "sha512" };
/** RFC 2409 groups 1, 2 and RFC 3526 groups 5, 14. */
const DH: Record<string, string> = { group1: "modp768", group2: "modp1024", group5: "modp1536", group14: "modp2048" };

/**
 * DPD timing: Alibaba documents that the gateway probes and deletes the SAs when the peer stops
 * answering, but not the interval. Assumed here: a probe every 10 s, dead after 30 s (IKEv1 dpd_timeout;
 * IKEv2 uses retransmissions instead, swanctl.conf(5)).
 */
export const ALIBABA_DPD_DELAY = "10s";
export const ALIBABA_DPD_TIMEOUT = "30s";
/**
 * IKEv2 has no dpd_timeout: a probe is given up after charon's retransmissions (strongswan.conf). Assumed, as
 * above: 2 s, x1.5, 3 retries (16.25 s, so dead about 10 + 16 s after the last packet, like IKEv1's 30 s).
 * Written as the commented strongswan.conf block lab/strongswan.ts reads (renderedCharonSettings).
 */
export const ALIBABA_RETRANSMIT = { timeout: 2, base: 1.5, tries: 3 };

/**
 * Hard lifetimes exactly as configured at Alibaba (the gateway proposes and enforces L itself): rekeying a
 * margin (10 %) before, as renderers/strongswan.ts does for the peer (lifetimeSettings).
 */
function lifetimes(seconds: number): { rekey: number; hard: number; margin: number } {
    const margin = seconds > 0 ? Math.max(1, Math.round(seconds / 10)) : 0;
    return { rekey: seconds - margin, hard: seconds, margin };
}

/** First fixed reqid of a gateway's dual-tunnel CHILD_SAs: each tunnel its own (master and slave are separate SAs). */
export const ALIBABA_REQID_BASE = 5000;

/** Fixed IPsec policy priorities of the master and slave tunnels (lower value wins; swanctl.conf(5) children.priority). */
export const MASTER_POLICY_PRIORITY = 1000;
export const SLAVE_POLICY_PRIORITY = 2000;

/** One tunnel of a recorded connection, in Alibaba's terms with the API defaults applied. */
export interface AlibabaTunnel {
    /** The connection resource's name (Pulumi) and id. */
    connectionName: string;
    connectionId: string;
    role: "master" | "slave" | "single";
    gatewayId: string;
    /** This end's public IP: the gateway's internetIp (master/single) or disasterRecoveryInternetIp (slave). */
    gatewayIp: string;
    /** The customer gateway's ipAddress. */
    customerGatewayIp: string;
    ike: typeof ALIBABA_IKE_DEFAULTS;
    ipsec: typeof ALIBABA_IPSEC_DEFAULTS;
    psk: string;
    /** IKE identities as Alibaba uses them: localId ?? gatewayIp, remoteId ?? customerGatewayIp. */
    localId: string;
    remoteId: string;
    dpd: boolean;
    natTraversal: boolean;
    localSubnets: string[];
    remoteSubnets: string[];
    effectImmediately: boolean;
    /** The tunnel's BGP (enableTunnelsBgp + tunnelBgpConfig, or bgpConfig on a single-tunnel connection), when on. */
    bgp?: { localAsn: number; tunnelCidr: string; localBgpIp: string };
}

function defined<T extends object>(value: T | undefined): Partial<T> {
    return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== "")) as Partial<T>;
}

function lookup(state: EmulatorState, id: string | undefined, type: string, what: string, connection: RecordedResource): RecordedResource {
    const found = state.findById(id);
    if (!found || found.type !== type) {
        throw new Error(`connection ${connection.name}: the emulator recorded no ${what} with id ${id}`);
    }
    return found;
}

/** The tunnels of one recorded alicloud:vpn/connection:Connection, read from its inputs. */
export function alibabaTunnels(state: EmulatorState, connection: RecordedResource): AlibabaTunnel[] {
    if (connection.type !== TYPES.connection) {
        throw new Error(`${connection.name} is a ${connection.type}, not an IPsec connection`);
    }
    const inputs = connection.inputs;
    const gateway = lookup(state, inputs.vpnGatewayId, TYPES.gateway, "VPN gateway", connection);
    const common = {
        connectionName: connection.name,
        connectionId: connection.id,
        gatewayId: gateway.id,
        localSubnets: [...(inputs.localSubnets ?? [])] as string[],
        remoteSubnets: [...(inputs.remoteSubnets ?? [])] as string[],
        // CreateVpnConnection: EffectImmediately defaults to false.
        effectImmediately: inputs.effectImmediately === true,
    };
    const tunnel = (role: AlibabaTunnel["role"], cgwId: string, ikeIn: any, ipsecIn: any, dpd: unknown, natT: unknown, localId: unknown, remoteId: unknown, bgpIn?: any): AlibabaTunnel => {
        const customerGateway = lookup(state, cgwId, TYPES.customerGateway, "customer gateway", connection);
        const gatewayIp: string = role === "slave" ? gateway.outputs.disasterRecoveryInternetIp : gateway.outputs.internetIp;
        if (!gatewayIp) {
            throw new Error(`connection ${connection.name}: gateway ${gateway.id} has no public IP for the ${role} tunnel`);
        }
        const ike = { ...ALIBABA_IKE_DEFAULTS, ...defined(ikeIn) } as typeof ALIBABA_IKE_DEFAULTS & { psk?: string };
        if (!ike.psk) {
            // Alibaba would generate a key; the lab cannot know it.
            throw new Error(`connection ${connection.name} (${role}): no psk in the recorded inputs`);
        }
        return {
            ...common,
            role,
            gatewayIp,
            customerGatewayIp: customerGateway.inputs.ipAddress,
            ike: pick(ike, ALIBABA_IKE_DEFAULTS),
            ipsec: pick({ ...ALIBABA_IPSEC_DEFAULTS, ...defined(ipsecIn) }, ALIBABA_IPSEC_DEFAULTS),
            psk: ike.psk,
            localId: typeof localId === "string" && localId ? localId : gatewayIp,
            remoteId: typeof remoteId === "string" && remoteId ? remoteId : customerGateway.inputs.ipAddress,
            // EnableDpd and EnableNatTraversal default to true.
            dpd: dpd !== false,
            natTraversal: natT !== false,
            // LocalAsn defaults to 45104 (CreateVpnConnection TunnelBgpConfig / BgpConfig).
            ...(bgpIn?.tunnelCidr ? { bgp: { localAsn: Number(bgpIn.localAsn ?? 45104), tunnelCidr: bgpIn.tunnelCidr, localBgpIp: bgpIn.localBgpIp } } : {}),
        };
    };
    if (Array.isArray(inputs.tunnelOptionsSpecifications) && inputs.tunnelOptionsSpecifications.length > 0) {
        return (inputs.tunnelOptionsSpecifications as any[]).map((t) =>
            tunnel(t.role, t.customerGatewayId, t.tunnelIkeConfig, t.tunnelIpsecConfig, t.enableDpd, t.enableNatTraversal, t.tunnelIkeConfig?.localId, t.tunnelIkeConfig?.remoteId, inputs.enableTunnelsBgp ? t.tunnelBgpConfig : undefined),
        );
    }
    return [
        tunnel("single", inputs.customerGatewayId, inputs.ikeConfig, inputs.ipsecConfig, inputs.enableDpd, inputs.enableNatTraversal, inputs.ikeConfig?.ikeLocalId, inputs.ikeConfig?.ikeRemoteId, inputs.bgpConfig?.enable ? inputs.bgpConfig : undefined),
    ];
}

function pick<T extends object>(value: Record<string, any>, shape: T): T {
    return Object.fromEntries(Object.keys(shape).map((k) => [k, value[k]])) as T;
}

function mapped(table: Record<string, string>, value: string, field: string, tunnel: { connectionName: string }): string {
    const out = table[value];
    if (!out) {
        throw new Error(`connection ${tunnel.connectionName}: ${field} = ${JSON.stringify(value)} is not a value Alibaba accepts (${Object.keys(table).join(", ")})`);
    }
    return out;
}

/** strongSwan IKE proposal for the tunnel's phase 1, e.g. aes256-sha1-modp1024 (the PRF follows the integrity). */
export function alibabaIkeProposal(t: AlibabaTunnel): string {
    return [mapped(ENCRYPTION, t.ike.ikeEncAlg, "ikeEncAlg", t), mapped(INTEGRITY, t.ike.ikeAuthAlg, "ikeAuthAlg", t), mapped(DH, t.ike.ikePfs, "ikePfs", t)].join("-");
}

/** strongSwan ESP proposal for phase 2; ipsecPfs "disabled" names no DH group (no PFS). */
export function alibabaEspProposal(t: AlibabaTunnel): string {
    const parts = [mapped(ENCRYPTION, t.ipsec.ipsecEncAlg, "ipsecEncAlg", t), mapped(INTEGRITY, t.ipsec.ipsecAuthAlg, "ipsecAuthAlg", t)];
    if (t.ipsec.ipsecPfs !== "disabled") {
        parts.push(mapped(DH, t.ipsec.ipsecPfs, "ipsecPfs", t));
    }
    return parts.join("-");
}

/** Connection (and child) name in the gateway's swanctl.conf: `<connection resource>-<role>`. */
export function alibabaConnectionName(t: AlibabaTunnel): string {
    const base = t.connectionName.replace(/[^A-Za-z0-9_-]/g, "-");
    return t.role === "single" ? base : `${base}-${t.role}`;
}

/** swanctl.conf of a VPN gateway carrying these tunnels (every connection of the gateway). One key = value a line. */
export function renderAlibabaSwanctl(tunnels: readonly AlibabaTunnel[], title = "Alibaba Cloud VPN gateway"): string {
    const out = [
        `# ${title}, played by strongSwan in the lab (lab/alibabaSide.ts).`,
        "# Translated from the recorded alicloud:vpn/connection:Connection inputs; this host is the gateway (local).",
        "# The lab's charon for this gateway takes its IKE retransmission timing from this block (ALIBABA_RETRANSMIT):",
        STRONGSWAN_CONF_BEGIN,
        "# charon {",
        `#     retransmit_timeout = ${ALIBABA_RETRANSMIT.timeout}`,
        `#     retransmit_base = ${ALIBABA_RETRANSMIT.base}`,
        `#     retransmit_tries = ${ALIBABA_RETRANSMIT.tries}`,
        "# }",
        STRONGSWAN_CONF_END,
        "connections {",
    ];
    tunnels.forEach((t, index) => {
        const name = alibabaConnectionName(t);
        const ikev1 = t.ike.ikeVersion === "ikev1";
        const ikeLife = lifetimes(Number(t.ike.ikeLifetime));
        const espLife = lifetimes(Number(t.ipsec.ipsecLifetime));
        if (t.ike.ikeVersion !== "ikev1" && t.ike.ikeVersion !== "ikev2") {
            throw new Error(`connection ${t.connectionName}: ikeVersion ${t.ike.ikeVersion} is not ikev1 or ikev2`);
        }
        // Destination routing (0.0.0.0/0 both ways, BGP links among them) renders as it is: route-based selectors.
        // kernel-libipsec then routes everything into ipsec0 through table 220; a scenario that needs the main
        // table to decide (BGP, several tunnels) removes that rule itself, as lab/scenarios/bgp.ts explains.
        if (ikev1 && (t.localSubnets.length > 1 || t.remoteSubnets.length > 1)) {
            throw new Error(`connection ${t.connectionName}: IKEv1 negotiates one selector pair; Alibaba needs IKEv2 for several subnets`);
        }
        // effectImmediately: initiate now (start, and restart after DPD); otherwise negotiate on traffic (trap).
        const start = t.effectImmediately ? "start" : "trap";
        out.push(
            `    ${name} {`,
            `        # ${t.connectionId} tunnel ${t.role}: ${t.ike.ikeVersion} ${t.ike.ikeMode} ${t.ike.ikeEncAlg}/${t.ike.ikeAuthAlg}/${t.ike.ikePfs} ${t.ike.ikeLifetime}s; ` +
                `${t.ipsec.ipsecEncAlg}/${t.ipsec.ipsecAuthAlg} pfs ${t.ipsec.ipsecPfs} ${t.ipsec.ipsecLifetime}s; dpd ${t.dpd}; nat-t ${t.natTraversal}`,
            `        version = ${ikev1 ? 1 : 2}`,
        );
        if (ikev1) {
            out.push(`        aggressive = ${t.ike.ikeMode === "aggressive" ? "yes" : "no"}`);
        }
        out.push(
            `        local_addrs = ${t.gatewayIp}`,
            `        remote_addrs = ${t.customerGatewayIp}`,
            `        proposals = ${alibabaIkeProposal(t)}`,
            // IKEv1 has no IKE rekeying; strongSwan re-authenticates at rekey_time there (swanctl.conf(5)).
            // The hard limit (rekey_time + over_time) is Alibaba's lifetime: IKEv1 proposes it on the wire.
            `        rekey_time = ${ikeLife.rekey}s`,
            `        over_time = ${ikeLife.margin}s`,
            "        keyingtries = 0",
            // Alibaba's gateway speaks plain IKE from a fixed address: no MOBIKE.
            ...(ikev1 ? [] : ["        mobike = no"]),
        );
        if (t.dpd) {
            out.push(`        dpd_delay = ${ALIBABA_DPD_DELAY}`);
            if (ikev1) {
                out.push(`        dpd_timeout = ${ALIBABA_DPD_TIMEOUT}`);
            }
        }
        out.push(
            // NAT traversal on: detect NAT, encapsulate when found. strongSwan cannot switch detection off;
            // with it off, Alibaba only stops tolerating changed ports. (kernel-libipsec forces UDP encap anyway.)
            "        encap = no",
            "        local {",
            "            auth = psk",
            `            id = ${value(t.localId)}`,
            "        }",
            "        remote {",
            "            auth = psk",
            `            id = ${value(t.remoteId)}`,
            "        }",
            "        children {",
            `            ${name} {`,
            `                local_ts = ${t.localSubnets.join(",")}`,
            `                remote_ts = ${t.remoteSubnets.join(",")}`,
            `                esp_proposals = ${alibabaEspProposal(t)}`,
            `                life_time = ${espLife.hard}s`,
            `                rekey_time = ${espLife.rekey}s`,
            `                start_action = ${start}`,
        );
        if (t.role !== "single") {
            // Both tunnels are negotiated with the same selectors, but "tunnel 1 (master) carries all service
            // traffic, tunnel 2 remains on standby" (VPN Gateway docs). strongSwan installs one policy per
            // selector pair and routes it to the SA of the highest priority (lowest value) among those up,
            // so fixed priorities make the master active and the slave take over only when the master is down.
            // (The lab's kernel-libipsec ignores fixed priorities and prefers the newest SA: there traffic
            // follows the most recently established tunnel; ipsec_policy_mgr.c calculate_priority.)
            // Each tunnel its own reqid: the two CHILD_SAs stay separate in the kernel, so deleting one (DPD) leaves
            // the other's policies and SA in place (with one shared reqid both would hang on the same policy).
            out.push(
                `                priority = ${t.role === "master" ? MASTER_POLICY_PRIORITY : SLAVE_POLICY_PRIORITY}`,
                `                reqid = ${ALIBABA_REQID_BASE + index}`,
            );
        }
        if (t.dpd) {
            // Alibaba deletes the SAs of a dead peer; an initiating gateway then negotiates again.
            out.push(`                dpd_action = ${t.effectImmediately ? "restart" : "clear"}`);
        }
        out.push("            }", "        }", "    }");
    });
    out.push(...swanctlSecrets(tunnels.map((t) => ({ name: alibabaConnectionName(t), localId: t.localId, remoteId: t.remoteId, psk: t.psk }))));
    return out.join("\n");
}

/** The address `offset` after the network address of `cidr` (offset 1: the first host). */
export function hostAddress(cidr: string, offset: number): string {
    return addressInBlock(cidr, offset);
}

/** The last host address of `cidr` (the one before its broadcast address), e.g. 10.30.255.254 for 10.30.0.0/16. */
export function lastHostAddress(cidr: string): string {
    const prefix = Number(cidr.split("/")[1]);
    return hostAddress(cidr, 2 ** (32 - prefix) - 2);
}

/**
 * Route anchors (SiteSpec.routeAnchors) for a gateway site: one address (the last host) in every local
 * selector block that holds none of the site's LAN addresses, i.e. blocks the gateway only relays (a hub's
 * other spokes). kernel-libipsec needs a local address in the local selector to install the policy's
 * route and fails the CHILD_SA without one; Alibaba's gateway (and the kernel's XFRM) need nothing.
 */
export function routeAnchorsFor(localSubnets: readonly string[], lanAddresses: readonly string[]): string[] {
    const relayed = localSubnets.filter((block) => !lanAddresses.some((host) => containsAddress(block, host)));
    return [...new Set(relayed.filter((b) => Number(b.split("/")[1]) < 31).map(lastHostAddress))];
}

/** A VPN gateway of the recorded state as a lab site. */
export interface AlibabaGatewaySite {
    gateway: RecordedResource;
    /** The VPC block behind the gateway. */
    vpcCidr: string;
    tunnels: AlibabaTunnel[];
    /** The translated swanctl.conf (also in spec.daemon). */
    swanctlConf: string;
    spec: SiteSpec;
}

export interface BuildAlibabaSitesOptions {
    /** Site name of a gateway. Default: `gw-<region>` (e.g. gw-cn-hangzhou), `gw-<region>-<n>` when several share a region. */
    siteName?: (gateway: RecordedResource, index: number) => string;
    /**
     * LAN addresses (VPC hosts) behind a gateway. Default: one host (network + 10) in the first vSwitch of
     * the gateway's VPC that lies inside the connections' local subnets, else the first host of each local
     * subnet, else (no connection) one host in the VPC's first vSwitch.
     */
    lanAddresses?: (gateway: RecordedResource, site: Omit<AlibabaGatewaySite, "spec" | "swanctlConf">) => string[];
    /** Keep only the tunnels for which this returns true (default: every tunnel). */
    tunnelFilter?: (tunnel: AlibabaTunnel) => boolean;
}

/**
 * Every VPN gateway of an emulator run as a lab site: its public IPs (internetIp and, for dual-tunnel
 * gateways, disasterRecoveryInternetIp), VPC host addresses on lo, and one strongSwan config carrying
 * every tunnel of every connection attached to it. Works for any number of gateways and connections
 * (a hub gateway with one connection per spoke, spokes that are gateways themselves, ...).
 */
export function buildAlibabaSites(state: EmulatorState, options: BuildAlibabaSitesOptions = {}): AlibabaGatewaySite[] {
    const gateways = state.ofType(TYPES.gateway);
    const connections = state.ofType(TYPES.connection);
    const regionCount = new Map<string, number>();
    gateways.forEach((g) => regionCount.set(g.region ?? "", (regionCount.get(g.region ?? "") ?? 0) + 1));
    const seen = new Map<string, number>();
    return gateways.map((gateway, index) => {
        const region = gateway.region ?? "region";
        const n = (seen.get(region) ?? 0) + 1;
        seen.set(region, n);
        const name = options.siteName?.(gateway, index) ?? ((regionCount.get(region) ?? 0) > 1 ? `gw-${region}-${n}` : `gw-${region}`);
        const vpc = state.ofType(TYPES.vswitch).find((v) => v.id === gateway.inputs.vswitchId);
        const vpcResource = state.findById(vpc?.inputs.vpcId ?? gateway.inputs.vpcId);
        const vpcCidr: string = vpcResource?.inputs.cidrBlock ?? "";
        const tunnels = connections
            .filter((c) => c.inputs.vpnGatewayId === gateway.id)
            .flatMap((c) => alibabaTunnels(state, c))
            .filter((t) => options.tunnelFilter?.(t) ?? true);
        const base = { gateway, vpcCidr, tunnels };
        const localSubnets = [...new Set(tunnels.flatMap((t) => t.localSubnets))];
        const defaultLan = () => {
            const vswitches = state.ofType(TYPES.vswitch).filter((v) => v.inputs.vpcId === vpcResource?.id);
            const hosts = vswitches.filter((v) => localSubnets.some((s) => contains(s, v.inputs.cidrBlock))).map((v) => hostAddress(v.inputs.cidrBlock, 10));
            if (hosts.length > 0) return hosts.slice(0, 1);
            if (localSubnets.length > 0) return localSubnets.map((s) => hostAddress(s, 1));
            return vswitches.slice(0, 1).map((v) => hostAddress(v.inputs.cidrBlock, 10));
        };
        const lanAddresses = options.lanAddresses?.(gateway, base) ?? defaultLan();
        const publicIps = [gateway.outputs.internetIp, gateway.outputs.disasterRecoveryInternetIp].filter((ip): ip is string => Boolean(ip));
        const swanctlConf = renderAlibabaSwanctl(tunnels, `Alibaba Cloud VPN gateway ${gateway.id} (${gateway.name}, ${region})`);
        const daemon: DaemonSpec = { kind: "strongswan", swanctlConf };
        return {
            ...base,
            swanctlConf,
            // A VPN gateway routes between its VPC and every connection (a hub relays spoke to spoke).
            spec: {
                name,
                publicIps,
                lanAddresses,
                // Transit blocks (a hub's local selectors naming the other spokes): addresses for kernel-libipsec's routes only.
                routeAnchors: routeAnchorsFor(localSubnets, lanAddresses),
                daemon,
                forward: true,
                description: `Alibaba VPN gateway ${gateway.id} (${region})`,
            },
        };
    });
}
