// The transit-router transport of HubAndSpoke: Cloud Enterprise Network instead of VPN gateways between
// Alibaba VPCs. One CEN instance; per region a transit router with one route table; per site a VPC, its
// vSwitches, an attachment to its region's router (associated with and propagating into that table) and the
// VPC routes toward the attachment; per pair of regions an inter-region connection, associated and propagated on
// both routers. Creation is spread over the regions' routers instead of queued on one gateway.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { HubPlan } from "../model/hub";
import { TransitRouterPlan } from "../model/hubAndSpoke";

export interface TransitRouterSite {
    plan: HubPlan;
    region: string;
}

export interface TransitRouterResources {
    cen: alicloud.cen.Instance;
    routers: Record<string, alicloud.cen.TransitRouter>;
    routeTables: Record<string, alicloud.cen.TransitRouterRouteTable>;
    peerings: alicloud.cen.TransitRouterPeerAttachment[];
    vpcs: Record<string, alicloud.vpc.Network>;
    attachments: Record<string, alicloud.cen.TransitRouterVpcAttachment>;
    vpcRoutes: alicloud.vpc.RouteEntry[];
}

const slug = (cidr: string) => cidr.replace(/[./]/g, "-");

export function createTransitRouterNetwork(
    name: string,
    sites: TransitRouterSite[],
    plan: TransitRouterPlan,
    interRegionBandwidth: number,
    providers: Record<string, alicloud.Provider>,
    tags: pulumi.Input<{ [key: string]: pulumi.Input<string> }> | undefined,
    parent: pulumi.Resource,
): TransitRouterResources {
    const inRegion = (region: string, dependsOn: pulumi.Resource[] = []) => ({ parent, provider: providers[region], dependsOn });
    const [hubRegion] = plan.regions;
    // CEN is global; the hub's region provider creates it.
    const cen = new alicloud.cen.Instance(`${name}-cen`, { cenInstanceName: name, protectionLevel: "REDUCED", tags }, inRegion(hubRegion));
    const routers: Record<string, alicloud.cen.TransitRouter> = {};
    const routeTables: Record<string, alicloud.cen.TransitRouterRouteTable> = {};
    for (const region of plan.regions) {
        routers[region] = new alicloud.cen.TransitRouter(`${name}-tr-${region}`, { cenId: cen.id, transitRouterName: `${name}-${region}`, tags }, inRegion(region));
        routeTables[region] = new alicloud.cen.TransitRouterRouteTable(
            `${name}-tr-routes-${region}`,
            { transitRouterId: routers[region].transitRouterId, transitRouterRouteTableName: `${name}-${region}` },
            inRegion(region),
        );
    }
    // Forwarding (association) and route learning (propagation) of an attachment in one router's table.
    const wire = (id: string, attachmentId: pulumi.Input<string>, region: string, after: pulumi.Resource[]) => [
        new alicloud.cen.TransitRouterRouteTableAssociation(
            `${id}-association-${region}`,
            { transitRouterAttachmentId: attachmentId, transitRouterRouteTableId: routeTables[region].transitRouterRouteTableId },
            inRegion(region, after),
        ),
        new alicloud.cen.TransitRouterRouteTablePropagation(
            `${id}-propagation-${region}`,
            { transitRouterAttachmentId: attachmentId, transitRouterRouteTableId: routeTables[region].transitRouterRouteTableId },
            inRegion(region, after),
        ),
    ];
    const peerings = plan.peerings.map(([a, b]) => {
        const peering = new alicloud.cen.TransitRouterPeerAttachment(
            `${name}-peer-${a}-${b}`,
            {
                cenId: cen.id,
                transitRouterId: routers[a].transitRouterId,
                peerTransitRouterId: routers[b].transitRouterId,
                peerTransitRouterRegionId: b,
                // Pay-by-data-transfer: no bandwidth plan to buy first; the maximum is per connection.
                bandwidthType: "DataTransfer",
                bandwidth: interRegionBandwidth,
                transitRouterPeerAttachmentName: `${name}-${a}-${b}`,
            },
            inRegion(a),
        );
        wire(`${name}-peer-${a}-${b}`, peering.transitRouterAttachmentId, a, [peering]);
        wire(`${name}-peer-${a}-${b}`, peering.transitRouterAttachmentId, b, [peering]);
        return peering;
    });
    const vpcs: Record<string, alicloud.vpc.Network> = {};
    const attachments: Record<string, alicloud.cen.TransitRouterVpcAttachment> = {};
    const vpcRoutes: alicloud.vpc.RouteEntry[] = [];
    sites.forEach(({ plan: site, region }, i) => {
        const vpc = new alicloud.vpc.Network(`${site.name}-vpc`, { vpcName: site.name, cidrBlock: site.vpcCidr, tags }, inRegion(region));
        const vswitches = site.vswitches.map(
            (vsw) =>
                new alicloud.vpc.Switch(
                    vsw.name,
                    { vpcId: vpc.id, zoneId: vsw.zoneId, cidrBlock: vsw.cidr, vswitchName: vsw.name, tags },
                    inRegion(region),
                ),
        );
        // The attachment takes a vSwitch in each of two zones, like the gateway's two.
        const zones = [site.gatewayVswitch, site.disasterRecoveryVswitch ?? (site.gatewayVswitch + 1) % site.vswitches.length].filter(
            (v, j, all) => all.indexOf(v) === j,
        );
        const attachment = new alicloud.cen.TransitRouterVpcAttachment(
            `${site.name}-attachment`,
            {
                cenId: cen.id,
                transitRouterId: routers[region].transitRouterId,
                vpcId: vpc.id,
                zoneMappings: zones.map((v) => ({ zoneId: site.vswitches[v].zoneId, vswitchId: vswitches[v].id })),
                transitRouterVpcAttachmentName: site.name,
                tags,
            },
            inRegion(region),
        );
        const [association] = wire(site.name, attachment.transitRouterAttachmentId, region, [attachment]);
        for (const destination of plan.sites[i].routeDestinations) {
            vpcRoutes.push(
                new alicloud.vpc.RouteEntry(
                    `${site.name}-tr-route-${slug(destination)}`,
                    {
                        routeTableId: vpc.routeTableId,
                        destinationCidrblock: destination,
                        nexthopType: "Attachment",
                        nexthopId: attachment.transitRouterAttachmentId,
                        name: `${site.name}-${slug(destination)}`,
                        description: `To ${destination} through transit router ${name}-${region}`,
                    },
                    inRegion(region, [association]),
                ),
            );
        }
        vpcs[site.name] = vpc;
        attachments[site.name] = attachment;
    });
    return { cen, routers, routeTables, peerings, vpcs, attachments, vpcRoutes };
}
