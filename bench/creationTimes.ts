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
};

export const CREATION_SOURCES: Record<string, string> = {
    [TYPES.vpc]: `estimate: first status poll after 5 s (${TF} alicloud/resource_alicloud_vpc.go), "Creating" -> "Available"; acceptance test 25 s incl. destroy (PR #291)`,
    [TYPES.vswitch]: `estimate: "Pending" -> "Available" (CreateVSwitch API reference); acceptance test 44 s incl. its VPC (${TF} PR #291)`,
    [TYPES.gateway]: `acceptance tests 170-255 s incl. VPC, vSwitch and destroy (${TF} PRs #993, #298, #577); create timeout 15 min (alicloud/resource_alicloud_vpn_gateway.go), first poll after 20 s`,
    [TYPES.customerGateway]: `one synchronous CreateCustomerGateway call (${TF} alicloud/resource_alicloud_vpn_customer_gateway.go); acceptance test 8 s incl. destroy (PR #842)`,
    [TYPES.connection]: `estimate: first poll after 10 s, gateway "updating" -> "active" (${TF} alicloud/resource_alicloud_vpn_connection.go); create timeout 5 min`,
    [TYPES.vpnRoute]: `estimate: first poll after 5 s, gateway "updating" -> "published" (${TF} alicloud/resource_alicloud_vpn_route_entry.go)`,
    [TYPES.vpcRoute]: `estimate: "no creating or deleting within 5 seconds" (${TF} alicloud/resource_alicloud_route_entry.go comment)`,
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
