// The Azure end of a cloud link in the topology picture: one node per location with its VPN gateway, public address,
// BGP settings, local network gateways, connections and IPsec policy, so an Alibaba connection's edge ends at
// "Azure <location>" instead of an anonymous peer.
import { AZURE_TYPES, RecordedResource } from "../emulator";
import { AwsPeer } from "./topologyAws";

/** The Azure node the peer addresses belong to, or undefined when they are not an Azure gateway's address. */
export function azurePeerFor(resources: RecordedResource[], peerIps: string[]): AwsPeer | undefined {
    const byId = new Map(resources.filter((r) => r.id).map((r) => [r.id, r]));
    const gateways = resources.filter((r) => r.type === AZURE_TYPES.virtualNetworkGateway);
    const publicIpOf = (g: RecordedResource) => byId.get(g.inputs.ipConfigurations?.[0]?.publicIPAddress?.id)?.outputs.ipAddress as string | undefined;
    const gateway = gateways.find((g) => peerIps.includes(publicIpOf(g) ?? ""));
    if (!gateway) {
        return undefined;
    }
    const ip = publicIpOf(gateway)!;
    const connections = resources
        .filter((r) => r.type === AZURE_TYPES.connection && r.inputs.virtualNetworkGateway1?.id === gateway.id)
        .sort((a, b) => a.name.localeCompare(b.name));
    const policy = connections[0]?.inputs.ipsecPolicies?.[0];
    const bgp = gateway.outputs.bgpSettings ?? {};
    const label = [
        `Azure ${gateway.region ?? gateway.inputs.location}`,
        `VPN gateway ${gateway.outputs.name ?? gateway.name} (${gateway.inputs.sku?.name}, ${gateway.inputs.vpnType}, ${gateway.inputs.activeActive ? "active-active" : "active-standby"}) ${ip}`,
        `BGP AS ${bgp.asn}, custom ${(bgp.bgpPeeringAddresses?.[0]?.customBgpIpAddresses ?? []).join(", ")}`,
        ...connections.map((c) => {
            const lng = byId.get(c.inputs.localNetworkGateway2?.id);
            return (
                `${c.outputs.name ?? c.name} ${c.inputs.connectionProtocol}: local network gateway ${lng?.inputs.gatewayIpAddress ?? "?"} ` +
                `(AS ${lng?.inputs.bgpSettings?.asn}, ${lng?.inputs.bgpSettings?.bgpPeeringAddress} ⇄ ${(c.inputs.gatewayCustomBgpIpAddresses ?? []).map((x: any) => x.customBgpIpAddress).join(",")})`
            );
        }),
        policy
            ? `ipsec policy: ${policy.ikeEncryption}/${policy.ikeIntegrity}/${policy.dhGroup} 28800s · esp ${policy.ipsecEncryption}/${policy.ipsecIntegrity} pfs ${policy.pfsGroup} ${policy.saLifeTimeSeconds}s`
            : "ipsec policy: Azure's default",
    ].join("\n");
    return { id: `azure:${gateway.region ?? gateway.inputs.location}:${gateway.outputs.name ?? gateway.name}`, label, tunnelNames: new Map([[ip, `${gateway.outputs.name ?? gateway.name}`]]) };
}
