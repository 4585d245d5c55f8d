// The Google Cloud end of a CloudLink: an HA VPN gateway (two interfaces), an external VPN gateway holding the
// Alibaba gateway's two addresses (TWO_IPS_REDUNDANCY), a Cloud Router with the plan's ASN announcing gcp.vpcCidrs,
// two tunnels with an explicit cipher suite (interface 0 to Alibaba's master address, interface 1 to its slave
// address), a router interface and a BGP peer per tunnel; and the one Alibaba BGP connection wired to them
// (model/clouds/gcpLink.ts says why). Only @pulumi/gcp/compute is loaded, never the package index.
import type * as gcpSdk from "@pulumi/gcp/compute";
import { GCP_REDUNDANCY_FOR_ALIBABA_DUAL_TUNNEL } from "../../model/clouds/gcp";
import { GCP_ROUTE_PRIORITY, GcpCloudLinkPlan } from "../../model/clouds/gcpLink";
import { requireOptional } from "../optional";
import { createLink } from "../resources";
import { CloudEndContext, CloudEndResources, tunnelPsk } from "./types";

/** Loads @pulumi/gcp (an optional peer) before anything is registered. */
export function loadGcp(name: string): typeof gcpSdk {
    return requireOptional<typeof gcpSdk>("@pulumi/gcp", "^9", `CloudLink "${name}" to Google Cloud`, "compute");
}

/** GCP labels: lowercase keys and values of letters, digits, "-" and "_" (the tags, made to fit). */
function labels(tags: { [key: string]: string } | undefined, name: string): { [key: string]: string } {
    const fit = (s: string) => s.toLowerCase().replace(/[^a-z0-9_-]/g, "-").slice(0, 63);
    return Object.fromEntries([...Object.entries(tags ?? {}), ["cloud-link", name]].map(([k, v]) => [fit(k), fit(v)]));
}

export function createGcpEnd(gcp: typeof gcpSdk, ctx: CloudEndContext, plan: GcpCloudLinkPlan): CloudEndResources {
    const { name, hub, gateway } = ctx;
    const child = { parent: ctx.parent };
    const where = { region: plan.region, ...(plan.project ? { project: plan.project } : {}) };
    const gcpLabels = labels(ctx.tags, name);
    const haGateway = new gcp.HaVpnGateway(`${name}-ha-vpn`, { name: `${name}-ha-vpn`, network: plan.network, labels: gcpLabels, ...where }, child);
    // Interface 0: Alibaba's master address (internetIp); interface 1: its slave address (disasterRecoveryInternetIp).
    const external = new gcp.ExternalVpnGateway(
        `${name}-alibaba`,
        {
            name: `${name}-alibaba`,
            redundancyType: GCP_REDUNDANCY_FOR_ALIBABA_DUAL_TUNNEL,
            interfaces: [
                { id: 0, ipAddress: hub.gateway.internetIp },
                { id: 1, ipAddress: hub.gateway.disasterRecoveryInternetIp },
            ],
            description: `Alibaba Cloud VPN gateway of ${name} (master, slave)`,
            labels: gcpLabels,
            ...(plan.project ? { project: plan.project } : {}),
        },
        child,
    );
    // CUSTOM: announce exactly gcp.vpcCidrs, the blocks the Alibaba connection names as peerSubnets.
    const router = new gcp.Router(
        `${name}-router`,
        {
            name: `${name}-router`,
            network: plan.network,
            bgp: { asn: plan.asn, advertiseMode: "CUSTOM", advertisedIpRanges: plan.vpcCidrs.map((range) => ({ range })) },
            ...where,
        },
        child,
    );
    const psks = plan.bgpTunnels.map((t, i) => tunnelPsk(plan.psks, i, `${name}-psk-${t.role}`, ctx.parent));
    const tunnels = plan.bgpTunnels.map(
        (t, i) =>
            new gcp.VPNTunnel(
                `${name}-tunnel-${t.interface}`,
                {
                    name: `${name}-tunnel-${t.interface}`,
                    vpnGateway: haGateway.id,
                    vpnGatewayInterface: t.interface,
                    peerExternalGateway: external.id,
                    peerExternalGatewayInterface: t.interface,
                    router: router.id,
                    ikeVersion: plan.ikeVersion,
                    sharedSecret: psks[i],
                    cipherSuite: plan.cipherSuite,
                    labels: gcpLabels,
                    ...where,
                },
                { parent: ctx.parent, additionalSecretOutputs: ["sharedSecret"] },
            ),
    );
    const interfaces = plan.bgpTunnels.map(
        (t, i) =>
            new gcp.RouterInterface(
                `${name}-if-${t.interface}`,
                { name: `${name}-if-${t.interface}`, router: router.name, ipRange: `${t.gcpBgpIp}/30`, vpnTunnel: tunnels[i].name, ...where },
                child,
            ),
    );
    const peers = plan.bgpTunnels.map(
        (t, i) =>
            new gcp.RouterPeer(
                `${name}-peer-${t.interface}`,
                {
                    name: `${name}-peer-${t.interface}`,
                    router: router.name,
                    interface: interfaces[i].name,
                    ipAddress: t.gcpBgpIp,
                    peerIpAddress: t.alibabaBgpIp,
                    peerAsn: plan.alibabaAsn,
                    advertisedRoutePriority: GCP_ROUTE_PRIORITY[t.role],
                    ...where,
                },
                child,
            ),
    );
    const address = (i: number) => haGateway.vpnInterfaces.apply((v) => v?.find((x) => x.id === i)?.ipAddress ?? v?.[i]?.ipAddress ?? "");
    // One Alibaba BGP connection: master tunnel to interface 0's address, slave to interface 1's, keys to match.
    const alibabaLinks = plan.site.links.map((linkPlan) =>
        createLink(linkPlan, gateway, { peerPublicIp: address(0), peerSecondaryPublicIp: address(1), psks, peerAsn: plan.asn }, ctx.alibabaParent),
    );
    return {
        peerGatewayId: haGateway.selfLink,
        peerConnectionIds: tunnels.map((t) => t.selfLink),
        peerTunnelAddresses: [address(0), address(1)],
        psks,
        alibabaLinks,
        peerResources: [haGateway, external, router, ...tunnels, ...interfaces, ...peers],
    };
}
