// The Azure end of a CloudLink: a Standard static public IP, a route-based VPN gateway with BGP (active-standby, its
// custom BGP address per tunnel), a local network gateway and a connection per Alibaba gateway address (one
// ipsecPolicies entry, the tunnel's key and Azure's BGP address of that tunnel); and the one Alibaba BGP connection
// whose master and slave tunnels end on the Azure gateway's address (model/clouds/azureLink.ts says why).
import type * as azureSdk from "@pulumi/azure-native/network";
import { AzureCloudLinkPlan } from "../../model/clouds/azureLink";
import { requireOptional } from "../optional";
import { createLink } from "../resources";
import { CloudEndContext, CloudEndResources, tunnelPsk } from "./types";

/** Loads @pulumi/azure-native's network module (an optional peer) before anything is registered. */
export function loadAzure(name: string): typeof azureSdk {
    return requireOptional<typeof azureSdk>("@pulumi/azure-native", "^3", `CloudLink "${name}" to Azure`, "network");
}

export function createAzureEnd(azure: typeof azureSdk, ctx: CloudEndContext, plan: AzureCloudLinkPlan): CloudEndResources {
    const { name, hub, gateway, tags } = ctx;
    const child = { parent: ctx.parent };
    const common = { resourceGroupName: plan.resourceGroupName, location: plan.location, tags };
    // A Standard static address serves every VpnGw SKU; the zone-redundant ones (VpnGw1AZ..) take a zone-redundant
    // address, zones 1-3 (https://learn.microsoft.com/en-us/azure/vpn-gateway/about-zone-redundant-vnet-gateways).
    const publicIp = new azure.PublicIPAddress(
        `${name}-vgw-ip`,
        {
            ...common,
            publicIpAddressName: `${name}-vgw-ip`,
            sku: { name: "Standard", tier: "Regional" },
            publicIPAllocationMethod: "Static",
            publicIPAddressVersion: "IPv4",
            ...(plan.sku.endsWith("AZ") ? { zones: ["1", "2", "3"] } : {}),
        },
        child,
    );
    const vgw = new azure.VirtualNetworkGateway(
        `${name}-vgw`,
        {
            ...common,
            virtualNetworkGatewayName: plan.gatewayName,
            gatewayType: "Vpn",
            vpnType: "RouteBased",
            sku: { name: plan.sku, tier: plan.sku },
            // Active-standby: one public address, Azure fails over between its instances behind it (azureLink.ts).
            activeActive: false,
            enableBgp: true,
            bgpSettings: {
                asn: plan.asn,
                bgpPeeringAddresses: [
                    { ipconfigurationId: plan.ipConfigurationId, customBgpIpAddresses: plan.bgpTunnels.map((t) => t.azureBgpIp) },
                ],
            },
            ipConfigurations: [
                {
                    name: "default",
                    privateIPAllocationMethod: "Dynamic",
                    subnet: { id: plan.gatewaySubnetId },
                    publicIPAddress: { id: publicIp.id },
                },
            ],
        },
        child,
    );
    // One local network gateway per Alibaba address: master = internetIp, slave = disasterRecoveryInternetIp. With
    // BGP, its address space needs only Alibaba's BGP address of that tunnel (/32); the routes come over BGP.
    const alibabaIps = [hub.gateway.internetIp, hub.gateway.disasterRecoveryInternetIp];
    const lngs = plan.bgpTunnels.map(
        (t, j) =>
            new azure.LocalNetworkGateway(
                `${name}-lng-${t.role}`,
                {
                    ...common,
                    localNetworkGatewayName: `${name}-alibaba-${t.role}`,
                    gatewayIpAddress: alibabaIps[j],
                    localNetworkAddressSpace: { addressPrefixes: [`${t.alibabaBgpIp}/32`] },
                    bgpSettings: { asn: plan.alibabaAsn, bgpPeeringAddress: t.alibabaBgpIp },
                },
                child,
            ),
    );
    const psks = plan.bgpTunnels.map((t, i) => tunnelPsk(plan.psks, i, `${name}-psk-${t.role}`, ctx.parent));
    const connections = plan.bgpTunnels.map(
        (t, j) =>
            new azure.VirtualNetworkGatewayConnection(
                `${name}-conn-${t.role}`,
                {
                    ...common,
                    virtualNetworkGatewayConnectionName: `${name}-${t.role}`,
                    connectionType: "IPsec",
                    connectionProtocol: plan.connectionProtocol,
                    virtualNetworkGateway1: { id: vgw.id },
                    localNetworkGateway2: { id: lngs[j].id },
                    sharedKey: psks[j],
                    enableBgp: true,
                    usePolicyBasedTrafficSelectors: false,
                    ipsecPolicies: [plan.ipsecPolicy],
                    gatewayCustomBgpIpAddresses: [{ ipConfigurationId: plan.ipConfigurationId, customBgpIpAddress: t.azureBgpIp }],
                    // Alibaba initiates (effectImmediately); Azure answers and initiates too.
                    connectionMode: "Default",
                    // Azure's default DPD timeout, stated (the REST API's dpdTimeoutSeconds).
                    dpdTimeoutSeconds: 45,
                },
                { parent: ctx.parent, additionalSecretOutputs: ["sharedKey"] },
            ),
    );

    // The Alibaba BGP connection: master and slave tunnels to the Azure gateway's one address, keys to match, the
    // customer gateway's asn = Azure's ASN.
    const azureIp = publicIp.ipAddress.apply((ip) => ip ?? "");
    const [linkPlan] = plan.site.links;
    const alibabaLinks = [createLink(linkPlan, gateway, { peerPublicIp: azureIp, psks, peerAsn: plan.asn }, ctx.alibabaParent)];
    return {
        peerGatewayId: vgw.id,
        peerConnectionIds: connections.map((c) => c.id),
        peerTunnelAddresses: [azureIp],
        psks,
        alibabaLinks,
        peerResources: [publicIp, vgw, ...lngs, ...connections],
    };
}
