// How long Alibaba Cloud takes to create each resource type, and which creations it runs one at a time,
// for the critical-path estimate. Alibaba documents no durations (its API pages only say the calls are
// asynchronous); the figures below are estimates from terraform-provider-alicloud (which pulumi-alicloud
// bridges): its acceptance-test logs and the waits in its create functions. Each says which.
import { RecordedResource, TYPES } from "../emulator";

const TF = "github.com/aliyun/terraform-provider-alicloud";

export const CREATION_SECONDS: Record<string, number> = {
    [TYPES.vpc]: 10,
    [TYPES.vswitch]: 10,
    [TYPES.gateway]: 170,
    [TYPES.customerGateway]: 3,
    [TYPES.connection]: 30,
    [TYPES.vpnRoute]: 10,
    [TYPES.vpcRoute]: 6,
    [TYPES.cen]: 10,
    [TYPES.transitRouter]: 30,
    [TYPES.trRouteTable]: 10,
    [TYPES.vpcAttachment]: 60,
    [TYPES.peerAttachment]: 120,
    [TYPES.trAssociation]: 10,
    [TYPES.trPropagation]: 10,
};

export const CREATION_SOURCES: Record<string, string> = {
    [TYPES.vpc]: `estimate: first status poll after 5 s (${TF} alicloud/resource_alicloud_vpc.go), "Creating" -> "Available"; acceptance test 25 s incl. destroy (PR #291)`,
    [TYPES.vswitch]: `estimate: "Pending" -> "Available" (CreateVSwitch API reference); acceptance test 44 s incl. its VPC (${TF} PR #291)`,
    [TYPES.gateway]: `acceptance tests 170-255 s incl. VPC, vSwitch and destroy (${TF} PRs #993, #298, #577); create timeout 15 min (alicloud/resource_alicloud_vpn_gateway.go), first poll after 20 s`,
    [TYPES.customerGateway]: `one synchronous CreateCustomerGateway call (${TF} alicloud/resource_alicloud_vpn_customer_gateway.go); acceptance test 8 s incl. destroy (PR #842)`,
    [TYPES.connection]: `estimate: first poll after 10 s, gateway "updating" -> "active" (${TF} alicloud/resource_alicloud_vpn_connection.go); create timeout 5 min`,
    [TYPES.vpnRoute]: `estimate: first poll after 5 s, gateway "updating" -> "published" (${TF} alicloud/resource_alicloud_vpn_route_entry.go)`,
    [TYPES.vpcRoute]: `estimate: "no creating or deleting within 5 seconds" (${TF} alicloud/resource_alicloud_route_entry.go comment)`,
    [TYPES.cen]: `estimate: one CreateCen call, then "Active" (${TF} alicloud/resource_alicloud_cen_instance.go)`,
    [TYPES.transitRouter]: `estimate, no measured figure found: CreateTransitRouter is asynchronous, the provider waits for "Active" (${TF} alicloud/resource_alicloud_cen_transit_router.go)`,
    [TYPES.trRouteTable]: `estimate: polls every 5 s until "Active" (${TF} alicloud/resource_alicloud_cen_transit_router_route_table.go)`,
    [TYPES.vpcAttachment]: `estimate: "Attaching" -> "Attached", polled every 5 s within a 5 min timeout (${TF} alicloud/resource_alicloud_cen_transit_router_vpc_attachment.go); acceptance test _basic0_twin 147-158 s incl. CEN, transit router, VPC, vSwitches, the attachment, an update and destroy (${TF} PRs #7659, #9746)`,
    [TYPES.peerAttachment]: `estimate, no measured figure found: "Attaching" -> "Attached" (CreateTransitRouterPeerAttachment reference; ${TF} alicloud/resource_alicloud_cen_transit_router_peer_attachment.go); twice a VPC attachment`,
    [TYPES.trAssociation]: `estimate: polls every 5 s until "Active" (${TF} alicloud/resource_alicloud_cen_transit_router_route_table_association.go)`,
    [TYPES.trPropagation]: `estimate: polls every 5 s until "Active" (${TF} alicloud/resource_alicloud_cen_transit_router_route_table_propagation.go)`,
};

/**
 * Creations Alibaba runs one at a time: the key of the lock a resource's creation holds, or undefined.
 * - Connections and VPN route entries put their gateway in "updating"; the API refuses concurrent calls on
 *   one gateway (VpnGateway.Configuring, CreateVpnConnection and CreateVpnRouteEntry references), the
 *   provider retries, so they queue.
 * - "CreateRouteEntry does not support concurrent creation of custom route entries in the same VPC"
 *   (CreateRouteEntry API reference): VPC route entries queue per route table.
 * - "You cannot repeatedly call the CreateVSwitch operation to create a vSwitch in a VPC within the
 *   specified period of time" (CreateVSwitch reference): vSwitches queue per VPC.
 */
export function creationLock(resource: RecordedResource): string | undefined {
    return baseLock(resource);
}

/**
 * creationLock, plus the transit routers' queue, which needs the recorded route tables to know whose router a
 * table is. The provider retries "Operation.Blocking" and "IncorrectStatus.Status" on creating VPC attachments
 * and on enabling associations and propagations (terraform-provider-alicloud resource_alicloud_cen_transit_router_vpc_attachment.go,
 * _route_table_propagation.go): the router refuses a change while another runs. Whether the lock is the router
 * or only the attachment is not documented; this takes the worse, one change at a time per transit router.
 */
export function creationLockIn(resources: readonly RecordedResource[]): (resource: RecordedResource) => string | undefined {
    const tables = resources.filter((r) => r.type === TYPES.trRouteTable);
    const routerOfTable = new Map(tables.map((t) => [t.outputs.transitRouterRouteTableId, t.inputs.transitRouterId]));
    return (resource) => {
        switch (resource.type) {
            case TYPES.vpcAttachment:
            case TYPES.peerAttachment:
                return `transit router ${resource.inputs.transitRouterId}`;
            case TYPES.trAssociation:
            case TYPES.trPropagation:
                return `transit router ${routerOfTable.get(resource.inputs.transitRouterRouteTableId) ?? resource.inputs.transitRouterRouteTableId}`;
            default:
                return baseLock(resource);
        }
    };
}

function baseLock(resource: RecordedResource): string | undefined {
    switch (resource.type) {
        case TYPES.connection:
        case TYPES.vpnRoute:
            return `gateway ${resource.inputs.vpnGatewayId}`;
        case TYPES.vpcRoute:
            return `route table ${resource.inputs.routeTableId}`;
        case TYPES.vswitch:
            return `vSwitches of ${resource.inputs.vpcId}`;
        default:
            return undefined;
    }
}
