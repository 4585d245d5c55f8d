// The resources of a hub and of a link, declared from their plans (model/hub.ts, model/site.ts). Shared by
// VpnHub, SiteToSiteLink and VpnSite, so the three create exactly the same resources from the same plan.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { HubPlan, TunnelMode } from "../model/hub";
import { PeerPlatform, ResolvedLink } from "../model/link";
import { LinkPlan, peerDeviceDetails } from "../model/site";
import { RENDERERS } from "../renderers";
import { renderBgpFor } from "../renderers/bgp";

/** What a link needs of its gateway once the gateway is declared: ids and addresses (Inputs), plain shape. */
export interface GatewayRef {
    /** The hub's name, for descriptions. */
    name: string;
    /** The VPC's block: the default local subnet, and the base of the link's checks. */
    vpcCidr: string;
    /** Default "dual". */
    tunnelMode?: TunnelMode;
    vpnGatewayId: pulumi.Input<string>;
    /** The VPC's system route table, where the link's VPC routes go. */
    routeTableId: pulumi.Input<string>;
    /** The gateway's master tunnel address (the only one on a single-tunnel gateway). */
    internetIp: pulumi.Input<string>;
    /** The gateway's slave tunnel address (dual-tunnel gateways). */
    disasterRecoveryInternetIp?: pulumi.Input<string>;
}

export interface HubResources {
    vpc: alicloud.vpc.Network;
    vswitches: alicloud.vpc.Switch[];
    gateway: alicloud.vpn.Gateway;
}

/**
 * `options.autoPropagate`: the gateway propagates the routes it learns over BGP into the VPC's route table
 * (ModifyVpnGatewayAttribute AutoPropagate; alicloud/resource_alicloud_vpn_gateway.go, auto_propagate). Set when a link uses BGP.
 */
export function createHub(
    plan: HubPlan,
    tags: pulumi.Input<{ [key: string]: pulumi.Input<string> }> | undefined,
    parent: pulumi.Resource,
    options: { autoPropagate?: boolean } = {},
): HubResources {
    const child = { parent };
    const vpc = new alicloud.vpc.Network(`${plan.name}-vpc`, { vpcName: plan.name, cidrBlock: plan.vpcCidr, tags }, child);
    const vswitches = plan.vswitches.map(
        (vsw) => new alicloud.vpc.Switch(vsw.name, { vpcId: vpc.id, zoneId: vsw.zoneId, cidrBlock: vsw.cidr, vswitchName: vsw.name, tags }, child),
    );
    const gateway = new alicloud.vpn.Gateway(
        `${plan.name}-gateway`,
        {
            vpnGatewayName: plan.name,
            vpcId: vpc.id,
            vswitchId: vswitches[plan.gatewayVswitch].id,
            // Dual-tunnel gateways take a second vSwitch in another zone; the slave tunnel lives there.
            disasterRecoveryVswitchId: plan.disasterRecoveryVswitch !== undefined ? vswitches[plan.disasterRecoveryVswitch].id : undefined,
            bandwidth: plan.bandwidth,
            enableIpsec: true,
            enableSsl: false,
            paymentType: plan.paymentType,
            period: plan.period,
            ...(options.autoPropagate ? { autoPropagate: true } : {}),
            tags,
        },
        child,
    );
    return { vpc, vswitches, gateway };
}

export interface LinkResources {
    customerGateways: alicloud.vpn.CustomerGateway[];
    connection: alicloud.vpn.Connection;
    gatewayRoutes: alicloud.vpn.RouteEntry[];
    vpcRoutes: alicloud.vpc.RouteEntry[];
    /** The CloudMonitor event rule of the link's alerts, when asked for. */
    alertRule?: alicloud.cms.EventRule;
    /** Pre-shared key per tunnel (secret). */
    psks: pulumi.Output<string>[];
    /** The link with every output resolved (secret: it holds the keys). */
    resolved: pulumi.Output<ResolvedLink>;
    /** Rendered peer configurations by platform (secret: they hold the keys). */
    peerConfigs: pulumi.Output<{ [platform: string]: string }>;
}

export interface LinkInputs {
    peerPublicIp: pulumi.Input<string>;
    peerSecondaryPublicIp?: pulumi.Input<string>;
    /** One key for every tunnel, or one per tunnel (master first); unset: a random 32-character key per tunnel. */
    psks?: pulumi.Input<string>[];
    peerAsn?: number;
    /** Weight of the VPN gateway routes into this connection: 100 (default, active) or 0 (standby). */
    gatewayRouteWeight?: number;
}

/**
 * Queues of IPsec connections and VPN gateway routes per gateway: the API refuses concurrent CreateVpnConnection
 * and CreateVpnRouteEntry calls on one gateway ("VpnGateway.Configuring"; the provider only retries within its
 * timeout, resource_alicloud_vpn_connection.go and resource_alicloud_vpn_route_entry.go in
 * github.com/aliyun/terraform-provider-alicloud). Keyed by the gateway id Input object: links given the same
 * `vpnGatewayId` Output (VpnHub.reference(), VpnSite) wait for each other; callers that pass a fresh id (another
 * language through the provider) chain their links with `dependsOn`.
 */
const gatewayQueues = new WeakMap<object, pulumi.Resource>();

function enqueue<T extends pulumi.Resource>(gatewayId: pulumi.Input<string>, create: (after: pulumi.Resource[]) => T): T {
    const key = typeof gatewayId === "object" && gatewayId !== null ? gatewayId : undefined;
    const previous = key ? gatewayQueues.get(key) : undefined;
    const created = create(previous ? [previous] : []);
    if (key) {
        gatewayQueues.set(key, created);
    }
    return created;
}

export function createLink(plan: LinkPlan, gateway: GatewayRef, inputs: LinkInputs, parent: pulumi.Resource): LinkResources {
    const { name, validated } = plan;
    const { profile, routingMode, spec } = validated;
    const child = { parent };
    const peerIps = [inputs.peerPublicIp, inputs.peerSecondaryPublicIp ?? inputs.peerPublicIp];
    const customerGateways = plan.customerGateways.map(
        (cgw, i) =>
            new alicloud.vpn.CustomerGateway(
                cgw.resourceName,
                {
                    customerGatewayName: cgw.name,
                    ipAddress: peerIps[i],
                    asn: inputs.peerAsn !== undefined ? String(inputs.peerAsn) : undefined,
                    description: pulumi.interpolate`Peer of ${gateway.name} (${peerIps[i]})`,
                },
                child,
            ),
    );
    const givenPsk = (i: number) => (inputs.psks && inputs.psks.length > 0 ? inputs.psks[inputs.psks.length === 1 ? 0 : i] : undefined);
    const psks = plan.tunnelRoles.map((role, i) => {
        const given = givenPsk(i);
        return given !== undefined
            ? pulumi.secret(given)
            : pulumi.secret(
                  new random.RandomPassword(
                      `${name}-psk-${role}`,
                      // Letters and digits only: every peer CLI (H3C, Cisco, Huawei, swanctl) takes them unquoted.
                      { length: 32, special: false, minLower: 4, minUpper: 4, minNumeric: 4 },
                      child,
                  ).result,
              );
    });
    const dual = plan.tunnelRoles.length === 2;
    const connection = enqueue(
        gateway.vpnGatewayId,
        (after) =>
            new alicloud.vpn.Connection(
                `${name}-connection`,
                {
                    vpnConnectionName: name,
                    vpnGatewayId: gateway.vpnGatewayId,
                    localSubnets: plan.selectors.alibaba,
                    remoteSubnets: plan.selectors.peer,
                    effectImmediately: true,
                    // Routes are managed below as resources, visible in previews; Alibaba's automatic route
                    // configuration would add entries no state tracks.
                    autoConfigRoute: false,
                    // BGP per tunnel (dual-tunnel: EnableTunnelsBgp + TunnelBgpConfig; single-tunnel: BgpConfig).
                    ...(plan.bgp && dual ? { enableTunnelsBgp: true } : {}),
                    ...(plan.bgp && !dual
                        ? {
                              bgpConfig: {
                                  enable: true,
                                  localAsn: String(plan.bgp.localAsn),
                                  tunnelCidr: plan.bgp.tunnels[0].tunnelCidr,
                                  localBgpIp: plan.bgp.tunnels[0].localBgpIp,
                              },
                          }
                        : {}),
                    ...(dual
                        ? {
                              tunnelOptionsSpecifications: plan.tunnelRoles.map((role, i) => ({
                                  role,
                                  customerGatewayId: customerGateways[plan.tunnelCustomerGateway[i]].id,
                                  enableDpd: profile.dpd,
                                  enableNatTraversal: profile.natTraversal,
                                  tunnelIkeConfig: { ...plan.ike, psk: psks[i], localId: profile.localId, remoteId: profile.remoteId },
                                  tunnelIpsecConfig: plan.ipsec,
                                  ...(plan.bgp
                                      ? {
                                            tunnelBgpConfig: {
                                                localAsn: String(plan.bgp.localAsn),
                                                tunnelCidr: plan.bgp.tunnels[i].tunnelCidr,
                                                localBgpIp: plan.bgp.tunnels[i].localBgpIp,
                                            },
                                        }
                                      : {}),
                              })),
                          }
                        : {
                              customerGatewayId: customerGateways[0].id,
                              enableDpd: profile.dpd,
                              enableNatTraversal: profile.natTraversal,
                              ikeConfig: { ...plan.ike, psk: psks[0], ikeLocalId: profile.localId, ikeRemoteId: profile.remoteId },
                              ipsecConfig: plan.ipsec,
                              healthCheckConfig: plan.healthCheck,
                          }),
                },
                // The API refuses concurrent CreateVpnConnection calls on one gateway: wait for the previous one.
                { parent, dependsOn: after, additionalSecretOutputs: ["ikeConfig", "tunnelOptionsSpecifications"] },
            ),
    );

    // Static routes: the VPN gateway sends the peer's networks into this connection (weight 100 = preferred), and
    // the VPC route table sends them to the gateway. publishVpc stays false because the VPC entries are created
    // explicitly below. Route entries on one gateway are queued like connections.
    const gatewayRoutes = plan.gatewayRoutes.map((route) =>
        enqueue(
            gateway.vpnGatewayId,
            (after) =>
                new alicloud.vpn.RouteEntry(
                    route.resourceName,
                    { vpnGatewayId: gateway.vpnGatewayId, routeDest: route.destination, nextHop: connection.id, weight: inputs.gatewayRouteWeight ?? 100, publishVpc: false },
                    { parent, dependsOn: after },
                ),
        ),
    );
    // Alerts: the VPN gateway's system events for this connection's negotiation and health-check failures. The
    // events are matched by the connection's id (a keyword filter on the event); product "VPN" as CloudMonitor's
    // system-event list names it. Contact level "3": SMS and email (PutEventRuleTargets).
    const alertRule =
        plan.alertRule &&
        new alicloud.cms.EventRule(
            plan.alertRule.resourceName,
            {
                ruleName: plan.alertRule.ruleName,
                description: pulumi.interpolate`IPsec negotiation or health-check failure on ${name} (${gateway.name})`,
                status: "ENABLED",
                silenceTime: plan.alertRule.silenceSeconds,
                eventPattern: { product: "VPN", nameLists: plan.alertRule.events, levelLists: ["*"], eventTypeLists: ["*"], sqlFilter: connection.id },
                contactParameters: [{ contactParametersId: "1", contactGroupName: plan.alertRule.contactGroup, level: "3" }],
            },
            { parent, dependsOn: [connection] },
        );
    const vpcRoutes = plan.vpcRoutes.map(
        (route) =>
            new alicloud.vpc.RouteEntry(
                route.resourceName,
                {
                    routeTableId: gateway.routeTableId,
                    destinationCidrblock: route.destination,
                    nexthopType: "VpnGateway",
                    nexthopId: gateway.vpnGatewayId,
                    name: route.name,
                    description: route.description,
                },
                { parent, dependsOn: [connection] },
            ),
    );

    // Each tunnel's own Alibaba address, as the connection reports it per role (tunnelOptionsSpecifications[].internetIp);
    // the gateway's addresses where the connection does not report one (single-tunnel connections).
    const gatewayIps = [gateway.internetIp, gateway.disasterRecoveryInternetIp ?? gateway.internetIp];
    const tunnelIps = plan.tunnelRoles.map((role, i) =>
        pulumi
            .all([connection.tunnelOptionsSpecifications, gatewayIps[i]])
            .apply(([tunnels, fallback]) => (tunnels ?? []).find((t) => t.role === role)?.internetIp || fallback),
    );
    const resolved = pulumi.secret(
        pulumi.all([connection.id, pulumi.all(tunnelIps), pulumi.all(psks), pulumi.all(peerIps)]).apply(([connectionId, ips, keys, peers]) => ({
            name,
            connectionId,
            profile,
            routingMode,
            peerPublicIp: peers[0],
            alibabaSubnets: spec.alibabaSubnets,
            peerSubnets: spec.peerSubnets,
            ...peerDeviceDetails(spec),
            ...(plan.bgp ? { bgp: plan.bgp } : {}),
            ...(plan.translation
                ? {
                      translation: {
                          alibabaReal: plan.translation.alibabaReal,
                          alibabaBlock: plan.translation.alibabaBlock,
                          peerMap: plan.translation.peerMap,
                          peerReason: plan.translation.peerReason,
                      },
                  }
                : {}),
            tunnels: ips.map((ip, i) => ({
                role: plan.tunnelRoles[i],
                alibabaIp: ip,
                psk: keys[i],
                alibabaId: profile.localId ?? ip,
                peerId: profile.remoteId ?? peers[plan.tunnelCustomerGateway[i]],
            })),
        })),
    );
    const peerConfigs = pulumi.secret(
        resolved.apply((link) =>
            Object.fromEntries(
                plan.peerPlatforms.flatMap((p: PeerPlatform) => {
                    // BGP: FRR's frr.conf beside strongSwan's swanctl.conf; a BGP section appended to the vendor configs.
                    const bgp = renderBgpFor(p, link);
                    const text = RENDERERS[p].render(link);
                    return bgp?.file === "frr.conf" ? [[p, text], ["frr", bgp.text]] : [[p, bgp ? `${text}\n${bgp.text}` : text]];
                }),
            ),
        ),
    );
    return { customerGateways, connection, gatewayRoutes, vpcRoutes, alertRule, psks, resolved, peerConfigs };
}
