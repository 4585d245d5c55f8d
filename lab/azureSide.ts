// The Azure end of the lab: strongSwan (and FRR) play an Azure VPN gateway, configured from the azure-native
// network resources AS THE EMULATOR RECORDED THEM (each VirtualNetworkGatewayConnection's ipsecPolicies, sharedKey,
// connectionProtocol and gatewayCustomBgpIpAddresses, its local network gateway's gatewayIpAddress and bgpSettings,
// the gateway's bgpSettings and the public IP's reported address), not from the library's profile. Like
// lab/awsSide.ts it restates Azure's semantics on raw inputs: if the library sent Azure something other than what
// it sent Alibaba, the two ends of the lab disagree and the tunnel (or the BGP session) fails.
//
// Azure semantics:
// - with a custom policy (ipsecPolicies) on a connection, the Azure gateway proposes and accepts only that one
//   combination of algorithms, not its default list (https://learn.microsoft.com/en-us/azure/vpn-gateway/ipsec-ike-policy-howto);
//   the IKE (main mode) SA lifetime is fixed at 28,800 s; the QM SA lifetime
//   is saLifeTimeSeconds (min 300); DHGroup14 and DHGroup2048 are the same MODP-2048 group, PFS2048 and PFS14 too
//   (https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-about-compliance-crypto). Without a custom
//   policy Azure offers its default list, which this lab does not restate: it refuses the translation instead;
// - a route-based gateway with usePolicyBasedTrafficSelectors false negotiates any-to-any selectors (0.0.0.0/0 both
//   ways, https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-connect-multiple-policybased-rm-ps);
// - each connection answers IKE on the gateway's public address, from its local network gateway's gatewayIpAddress
//   only; identities are the addresses; IKEv2 or IKEv1 as connectionProtocol says (default IKEv2);
// - connectionMode Default: Azure may initiate and respond. The Alibaba end initiates (effectImmediately), so the lab
//   plays Azure as a responder only (start_action none), which avoids two racing IKE SAs per tunnel (modelled);
// - BGP: the gateway's AS is bgpSettings.asn; on each connection it speaks from the connection's custom BGP address
//   (gatewayCustomBgpIpAddresses) to the local network gateway's bgpPeeringAddress in AS bgpSettings.asn, and
//   announces the virtual network's address spaces (https://learn.microsoft.com/en-us/azure/vpn-gateway/bgp-howto).
//   The virtual network is not a resource of the program, so its blocks come from the caller (the stack's vnetCidrs).
import { AZURE_TYPES, EmulatorState, RecordedResource } from "../emulator";
import { SiteSpec } from "./netns";
import { swanctlSecrets } from "../renderers/strongswan";

const ENCRYPTION: Record<string, string> = { DES: "des", DES3: "3des", AES128: "aes128", AES192: "aes192", AES256: "aes256" };
const IKE_INTEGRITY: Record<string, string> = { MD5: "md5", SHA1: "sha1", SHA256: "sha256", SHA384: "sha384" };
const ESP_INTEGRITY: Record<string, string> = { MD5: "md5", SHA1: "sha1", SHA256: "sha256" };
const GCM: Record<string, string> = { GCMAES128: "aes128gcm16", GCMAES192: "aes192gcm16", GCMAES256: "aes256gcm16" };
const DH: Record<string, string> = {
    DHGroup1: "modp768",
    DHGroup2: "modp1024",
    DHGroup14: "modp2048",
    DHGroup2048: "modp2048",
    ECP256: "ecp256",
    ECP384: "ecp384",
    DHGroup24: "modp2048s256",
};
const PFS: Record<string, string | undefined> = {
    None: undefined,
    PFS1: "modp768",
    PFS2: "modp1024",
    PFS2048: "modp2048",
    PFS14: "modp2048",
    ECP256: "ecp256",
    ECP384: "ecp384",
    PFS24: "modp2048s256",
};

/** Azure's IKE SA lifetime: fixed (ipsec-ike-policy-howto). */
export const AZURE_IKE_LIFETIME = 28800;

/** One recorded Azure connection as a tunnel, Azure's semantics applied. */
export interface AzureTunnel {
    connectionName: string;
    connectionId: string;
    /** The gateway's public address (this end). */
    gatewayIp: string;
    /** The local network gateway's gatewayIpAddress (the peer: an Alibaba gateway address). */
    peerIp: string;
    ikeVersion: 1 | 2;
    ikeProposal: string;
    espProposal: string;
    ikeLifetime: number;
    childLifetime: number;
    psk: string;
    /** Route-based: 0.0.0.0/0 both ways. */
    localTs: string;
    remoteTs: string;
    bgp: { azureAsn: number; azureIp: string; peerAsn: number; peerIp: string };
}

function mapped(table: Record<string, string | undefined>, value: unknown, field: string, connection: RecordedResource): string | undefined {
    if (typeof value !== "string" || !(value in table)) {
        throw new Error(`connection ${connection.name}: ${field} ${String(value)} is not a value this lab translates (${Object.keys(table).join(", ")})`);
    }
    return table[value];
}

function lookup(state: EmulatorState, id: unknown, type: string, what: string, connection: RecordedResource): RecordedResource {
    const found = typeof id === "string" ? state.findById(id) : undefined;
    if (!found || found.type !== type) {
        throw new Error(`connection ${connection.name}: the emulator recorded no ${what} ${String(id)}`);
    }
    return found;
}

/** One recorded azure-native:network:VirtualNetworkGatewayConnection as a tunnel. */
export function azureTunnel(state: EmulatorState, connection: RecordedResource): AzureTunnel {
    if (connection.type !== AZURE_TYPES.connection) {
        throw new Error(`${connection.name} is a ${connection.type}, not an Azure connection`);
    }
    const i = connection.inputs;
    if (i.connectionType !== "IPsec") {
        throw new Error(`connection ${connection.name}: connectionType ${i.connectionType}, not IPsec`);
    }
    const gateway = lookup(state, i.virtualNetworkGateway1?.id, AZURE_TYPES.virtualNetworkGateway, "virtual network gateway", connection);
    const lng = lookup(state, i.localNetworkGateway2?.id, AZURE_TYPES.localNetworkGateway, "local network gateway", connection);
    const publicIp = lookup(state, gateway.inputs.ipConfigurations?.[0]?.publicIPAddress?.id, AZURE_TYPES.publicIpAddress, "public IP address", connection);
    if (gateway.inputs.vpnType !== "RouteBased" || i.usePolicyBasedTrafficSelectors) {
        throw new Error(`connection ${connection.name}: the lab plays route-based connections with any-to-any selectors only`);
    }
    const policies: any[] = i.ipsecPolicies ?? [];
    if (policies.length !== 1) {
        throw new Error(`connection ${connection.name}: ${policies.length} ipsecPolicies entries; the lab restates Azure with one custom policy only`);
    }
    const p = policies[0];
    const dh = mapped(DH, p.dhGroup, "dhGroup", connection)!;
    const ikeProposal = `${mapped(ENCRYPTION, p.ikeEncryption, "ikeEncryption", connection)}-${mapped(IKE_INTEGRITY, p.ikeIntegrity, "ikeIntegrity", connection)}-${dh}`;
    const pfs = mapped(PFS, p.pfsGroup, "pfsGroup", connection);
    const esp = String(p.ipsecEncryption).startsWith("GCM")
        ? [mapped(GCM, p.ipsecEncryption, "ipsecEncryption", connection)!]
        : [mapped(ENCRYPTION, p.ipsecEncryption, "ipsecEncryption", connection)!, mapped(ESP_INTEGRITY, p.ipsecIntegrity, "ipsecIntegrity", connection)!];
    if (!i.sharedKey) {
        throw new Error(`connection ${connection.name}: no sharedKey recorded`);
    }
    const custom = (i.gatewayCustomBgpIpAddresses ?? [])[0]?.customBgpIpAddress;
    if (!i.enableBgp || !custom || !lng.inputs.bgpSettings) {
        throw new Error(`connection ${connection.name}: the lab plays BGP connections with a custom BGP address`);
    }
    return {
        connectionName: connection.name,
        connectionId: connection.id,
        gatewayIp: publicIp.outputs.ipAddress,
        peerIp: lng.inputs.gatewayIpAddress,
        ikeVersion: (i.connectionProtocol ?? "IKEv2") === "IKEv1" ? 1 : 2,
        ikeProposal,
        espProposal: [...esp, ...(pfs ? [pfs] : [])].join("-"),
        ikeLifetime: AZURE_IKE_LIFETIME,
        childLifetime: Number(p.saLifeTimeSeconds),
        psk: i.sharedKey,
        localTs: "0.0.0.0/0",
        remoteTs: "0.0.0.0/0",
        bgp: { azureAsn: Number(gateway.inputs.bgpSettings?.asn ?? 65515), azureIp: custom, peerAsn: Number(lng.inputs.bgpSettings.asn), peerIp: lng.inputs.bgpSettings.bgpPeeringAddress },
    };
}

/** Connection (and child) name in the Azure end's swanctl.conf. */
export function azureConnectionName(t: AzureTunnel): string {
    return t.connectionName.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** swanctl.conf of the Azure gateway for these connections. One key = value a line. */
export function renderAzureSwanctl(tunnels: readonly AzureTunnel[]): string {
    const out = ["# Azure VPN gateway, played by strongSwan in the lab (lab/azureSide.ts).", "connections {"];
    tunnels.forEach((t, index) => {
        const name = azureConnectionName(t);
        out.push(
            `    ${name} {`,
            `        # ${t.connectionId}: IKEv${t.ikeVersion} ${t.ikeProposal} ${t.ikeLifetime}s; esp ${t.espProposal} ${t.childLifetime}s; BGP AS ${t.bgp.azureAsn} ${t.bgp.azureIp} <-> AS ${t.bgp.peerAsn} ${t.bgp.peerIp}`,
            `        version = ${t.ikeVersion}`,
            `        local_addrs = ${t.gatewayIp}`,
            `        remote_addrs = ${t.peerIp}`,
            // Only the custom policy is proposed and accepted.
            `        proposals = ${t.ikeProposal}`,
            // The IKE SA lives at most 28800 s; Azure's rekey margin is not documented (modelled: 10 %).
            `        rekey_time = ${Math.round(t.ikeLifetime * 0.9)}s`,
            `        over_time = ${t.ikeLifetime - Math.round(t.ikeLifetime * 0.9)}s`,
            ...(t.ikeVersion === 2 ? ["        mobike = no"] : []),
            "        dpd_delay = 10s",
            "        encap = no",
            "        local {",
            "            auth = psk",
            `            id = ${t.gatewayIp}`,
            "        }",
            "        remote {",
            "            auth = psk",
            `            id = ${t.peerIp}`,
            "        }",
            "        children {",
            `            ${name} {`,
            `                local_ts = ${t.localTs}`,
            `                remote_ts = ${t.remoteTs}`,
            `                esp_proposals = ${t.espProposal}`,
            `                life_time = ${t.childLifetime}s`,
            `                rekey_time = ${Math.round(t.childLifetime * 0.9)}s`,
            "                start_action = none",
            "                dpd_action = clear",
            // Each connection its own reqid: two any-to-any CHILD_SAs stay apart in the kernel.
            `                reqid = ${6000 + index}`,
            "            }",
            "        }",
            "    }",
        );
    });
    out.push(...swanctlSecrets(tunnels.map((t) => ({ name: azureConnectionName(t), localId: t.gatewayIp, remoteId: t.peerIp, psk: t.psk }))));
    return out.join("\n");
}

/**
 * The Azure gateway's BGP as FRR for the lab, from the recorded values: its AS, one neighbour per connection (the
 * local network gateway's address and AS), spoken from the connection's custom BGP address, announcing `vnetCidrs`.
 * Azure learns what its peers announce (except its own address spaces); no filter here.
 */
export function azureFrrConf(tunnels: readonly AzureTunnel[], vnetCidrs: readonly string[]): string {
    const asn = tunnels[0].bgp.azureAsn;
    return [
        "! The Azure VPN gateway's BGP, played by FRR in the lab (lab/azureSide.ts), from the recorded azure-native resources.",
        "frr defaults traditional",
        "!",
        `router bgp ${asn}`,
        ` bgp router-id ${tunnels[0].bgp.azureIp}`,
        // Azure takes its peers' routes without a configured policy (FRR would otherwise refuse eBGP routes, RFC 8212).
        " no bgp ebgp-requires-policy",
        ...tunnels.flatMap((t) => [` neighbor ${t.bgp.peerIp} remote-as ${t.bgp.peerAsn}`, ` neighbor ${t.bgp.peerIp} update-source ${t.bgp.azureIp}`, ` neighbor ${t.bgp.peerIp} timers connect 10`]),
        " address-family ipv4 unicast",
        ...vnetCidrs.map((cidr) => `  network ${cidr}`),
        " exit-address-family",
        "",
    ].join("\n");
}

export interface AzureSite {
    tunnels: AzureTunnel[];
    swanctlConf: string;
    spec: SiteSpec;
}

/** Every recorded Azure connection as one lab site (one gateway, one public address). */
export function buildAzureSite(state: EmulatorState, options: { name?: string; lanAddresses: string[] }): AzureSite {
    const tunnels = state.ofType(AZURE_TYPES.connection).map((c) => azureTunnel(state, c));
    const swanctlConf = renderAzureSwanctl(tunnels);
    return {
        tunnels,
        swanctlConf,
        spec: {
            name: options.name ?? "azure",
            publicIps: [...new Set(tunnels.map((t) => t.gatewayIp))],
            lanAddresses: options.lanAddresses,
            daemon: { kind: "strongswan", swanctlConf },
            forward: true,
            description: `Azure VPN gateway ${[...new Set(state.ofType(AZURE_TYPES.virtualNetworkGateway).map((g) => g.id))].join(", ")}`,
        },
    };
}
