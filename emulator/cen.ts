// Cloud Enterprise Network (CEN) transit routers in the emulator: ids, outputs and the refusals the API
// documents, for the transit-router transport of HubAndSpoke. Wired into rules.ts/outputs.ts with a few lines.
// Sources: the CEN API references (CreateCen, CreateTransitRouter, CreateTransitRouterVpcAttachment,
// CreateTransitRouterPeerAttachment, CreateTransitRouterRouteTable, AssociateTransitRouterAttachmentWithRouteTable,
// EnableTransitRouterRouteTablePropagation) at https://www.alibabacloud.com/help/en/cen/developer-reference/ and
// terraform-provider-alicloud's resource_alicloud_cen_transit_router_*.go; where a reference gives no error code
// the code is marked "modelled".
import { resourceId } from "./ids";
import { AlibabaApiError, EmulatorState, RecordedResource } from "./state";

export const CEN_TYPES = {
    cen: "alicloud:cen/instance:Instance",
    transitRouter: "alicloud:cen/transitRouter:TransitRouter",
    vpcAttachment: "alicloud:cen/transitRouterVpcAttachment:TransitRouterVpcAttachment",
    peerAttachment: "alicloud:cen/transitRouterPeerAttachment:TransitRouterPeerAttachment",
    trRouteTable: "alicloud:cen/transitRouterRouteTable:TransitRouterRouteTable",
    trAssociation: "alicloud:cen/transitRouterRouteTableAssociation:TransitRouterRouteTableAssociation",
    trPropagation: "alicloud:cen/transitRouterRouteTablePropagation:TransitRouterRouteTablePropagation",
} as const;

const VPC = "alicloud:vpc/network:Network";
const VSWITCH = "alicloud:vpc/switch:Switch";

/** A CEN instance is global: any region's resources may name it. Peer attachments name another region's transit router. */
export function crossRegionReferenceAllowed(requestType: string, referencedType: string): boolean {
    return referencedType === CEN_TYPES.cen || (requestType === CEN_TYPES.peerAttachment && referencedType === CEN_TYPES.transitRouter);
}

function fail(code: string, message: string): never {
    throw new AlibabaApiError(code, message);
}

function find(state: EmulatorState, type: string, id: unknown, code: string, what: string): RecordedResource {
    const found = typeof id === "string" ? state.findById(id) : undefined;
    if (!found || found.type !== type) {
        fail(code, `The specified ${what} (${String(id)}) does not exist.`);
    }
    return found;
}

/** The transit router or attachment owning an attachment id (transitRouterAttachmentId output). */
function attachmentById(state: EmulatorState, id: unknown): RecordedResource | undefined {
    const attachments = [...state.ofType(CEN_TYPES.vpcAttachment), ...state.ofType(CEN_TYPES.peerAttachment)];
    return attachments.find((a) => a.outputs.transitRouterAttachmentId === id);
}

function routeTableById(state: EmulatorState, id: unknown): RecordedResource | undefined {
    return state.ofType(CEN_TYPES.trRouteTable).find((t) => t.outputs.transitRouterRouteTableId === id);
}

function transitRouterById(state: EmulatorState, id: unknown): RecordedResource | undefined {
    return state.ofType(CEN_TYPES.transitRouter).find((t) => t.outputs.transitRouterId === id);
}

/** The transit routers an attachment is on: its own, and for an inter-region connection the peer's too. */
function transitRoutersOf(attachment: RecordedResource): string[] {
    return [attachment.outputs.transitRouterId, attachment.inputs.peerTransitRouterId].filter((id): id is string => typeof id === "string");
}

/** Throws what the CEN API would answer to this create request; silent for other types. */
export function validateCen(type: string, region: string, inputs: Record<string, any>, state: EmulatorState): void {
    switch (type) {
        case CEN_TYPES.transitRouter: {
            find(state, CEN_TYPES.cen, inputs.cenId, "InvalidCenId.NotFound", "CEN instance");
            // CreateTransitRouter: one Enterprise Edition transit router per region and CEN instance (code modelled).
            const existing = state.ofType(CEN_TYPES.transitRouter).find((t) => t.inputs.cenId === inputs.cenId && t.region === region);
            if (existing) {
                fail("Forbidden.TransitRouterExist", `CEN instance ${inputs.cenId} already has transit router ${existing.outputs.transitRouterId} in ${region}.`);
            }
            return;
        }
        case CEN_TYPES.vpcAttachment: {
            const router = transitRouterById(state, inputs.transitRouterId);
            if (!router) {
                fail("InvalidTransitRouterId.NotFound", `The specified transit router (${inputs.transitRouterId}) does not exist.`);
            }
            const vpc = find(state, VPC, inputs.vpcId, "InvalidVpcId.NotFound", "VPC");
            if (vpc.region !== router.region) {
                fail("InvalidVpcId.NotFound", `VPC ${vpc.id} is in ${vpc.region}; transit router ${inputs.transitRouterId} is in ${router.region}.`);
            }
            const mappings: Array<{ zoneId?: string; vswitchId?: string }> = inputs.zoneMappings ?? [];
            if (mappings.length === 0) {
                fail("MissingParam.ZoneMappings", "ZoneMappings must name at least one vSwitch (CreateTransitRouterVpcAttachment).");
            }
            for (const mapping of mappings) {
                const vsw = find(state, VSWITCH, mapping.vswitchId, "InvalidVSwitchId.NotFound", "vSwitch");
                if (vsw.inputs.vpcId !== vpc.id || vsw.inputs.zoneId !== mapping.zoneId) {
                    fail("IncorrectStatus.VpcOrVswitch", `vSwitch ${vsw.id} is not in VPC ${vpc.id} and zone ${mapping.zoneId} (code modelled).`);
                }
            }
            const again = state
                .ofType(CEN_TYPES.vpcAttachment)
                .find((a) => a.inputs.vpcId === inputs.vpcId && a.inputs.transitRouterId === inputs.transitRouterId);
            if (again) {
                fail("Forbidden.VpcAttached", `VPC ${inputs.vpcId} is already attached to ${inputs.transitRouterId} (code modelled).`);
            }
            return;
        }
        case CEN_TYPES.peerAttachment: {
            const router = transitRouterById(state, inputs.transitRouterId);
            const peer = transitRouterById(state, inputs.peerTransitRouterId);
            if (!router || !peer) {
                fail("InvalidTransitRouterId.NotFound", `The specified transit router (${router ? inputs.peerTransitRouterId : inputs.transitRouterId}) does not exist.`);
            }
            if (router.region === peer.region) {
                fail("InvalidParam.PeerTransitRouterRegionId", `An inter-region connection joins transit routers of two regions; both are in ${router.region} (code modelled).`);
            }
            if (inputs.bandwidthType === "DataTransfer" && !(Number(inputs.bandwidth) > 0)) {
                // CreateTransitRouterPeerAttachment: pay-by-data-transfer connections take a maximum bandwidth.
                fail("MissingParam.Bandwidth", "A pay-by-data-transfer inter-region connection needs Bandwidth (Mbit/s).");
            }
            return;
        }
        case CEN_TYPES.trRouteTable: {
            if (!transitRouterById(state, inputs.transitRouterId)) {
                fail("InvalidTransitRouterId.NotFound", `The specified transit router (${inputs.transitRouterId}) does not exist.`);
            }
            return;
        }
        case CEN_TYPES.trAssociation:
        case CEN_TYPES.trPropagation: {
            const attachment = attachmentById(state, inputs.transitRouterAttachmentId);
            const table = routeTableById(state, inputs.transitRouterRouteTableId);
            if (!attachment) {
                fail("InvalidTransitRouterAttachmentId.NotFound", `The specified attachment (${inputs.transitRouterAttachmentId}) does not exist.`);
            }
            if (!table) {
                fail("InvalidTransitRouterRouteTableId.NotFound", `The specified route table (${inputs.transitRouterRouteTableId}) does not exist.`);
            }
            if (!transitRoutersOf(attachment).includes(table.inputs.transitRouterId)) {
                fail("InvalidParam.TransitRouterMismatch", `Attachment ${inputs.transitRouterAttachmentId} and route table ${inputs.transitRouterRouteTableId} belong to different transit routers (code modelled).`);
            }
            if (type === CEN_TYPES.trAssociation) {
                // An attachment forwards by one route table of a transit router (AssociateTransitRouterAttachmentWithRouteTable).
                const sameRouter = (a: RecordedResource) =>
                    routeTableById(state, a.inputs.transitRouterRouteTableId)?.inputs.transitRouterId === table.inputs.transitRouterId;
                const other = state
                    .ofType(CEN_TYPES.trAssociation)
                    .find((a) => a.inputs.transitRouterAttachmentId === inputs.transitRouterAttachmentId && sameRouter(a));
                if (other) {
                    fail("OperationFailed.AssociationExist", `Attachment ${inputs.transitRouterAttachmentId} is already associated with ${other.inputs.transitRouterRouteTableId} (code modelled).`);
                }
            }
            return;
        }
        default:
            return;
    }
}

/** A VPC route entry whose next hop is a transit router attachment ("Attachment"): the attachment must attach this VPC. */
export function validateAttachmentNextHop(inputs: Record<string, any>, vpc: RecordedResource, state: EmulatorState): void {
    const attachment = state.ofType(CEN_TYPES.vpcAttachment).find((a) => a.outputs.transitRouterAttachmentId === inputs.nexthopId);
    if (!attachment) {
        fail("InvalidNextHop.NotFound", `The specified next hop attachment (${inputs.nexthopId}) does not exist.`);
    }
    if (attachment.inputs.vpcId !== vpc.id) {
        fail("InvalidNextHop.NotFound", `Attachment ${inputs.nexthopId} attaches ${attachment.inputs.vpcId}, not VPC ${vpc.id}.`);
    }
}

/** Ids and outputs as the provider reports them, or undefined for other types. */
export function cenOutputs(
    type: string,
    urn: string,
    region: string,
    inputs: Record<string, any>,
    state: EmulatorState,
): { id: string; outputs: Record<string, any> } | undefined {
    switch (type) {
        case CEN_TYPES.cen: {
            const id = resourceId("cen", "global", urn);
            return { id, outputs: { ...inputs, status: "Active", protectionLevel: inputs.protectionLevel ?? "REDUCED" } };
        }
        case CEN_TYPES.transitRouter: {
            const transitRouterId = resourceId("tr", region, urn);
            // The provider's id: <cen_id>:<transit_router_id>.
            return { id: `${inputs.cenId}:${transitRouterId}`, outputs: { ...inputs, transitRouterId, regionId: region, status: "Active", type: "Enterprise" } };
        }
        case CEN_TYPES.vpcAttachment:
        case CEN_TYPES.peerAttachment: {
            const transitRouterAttachmentId = resourceId("tr-attach", region, urn);
            const router = transitRouterById(state, inputs.transitRouterId);
            return {
                id: `${router?.inputs.cenId ?? inputs.cenId}:${transitRouterAttachmentId}`,
                outputs: { ...inputs, transitRouterAttachmentId, regionId: region, status: "Attached" },
            };
        }
        case CEN_TYPES.trRouteTable: {
            const transitRouterRouteTableId = resourceId("vtb", region, urn);
            return {
                id: `${inputs.transitRouterId}:${transitRouterRouteTableId}`,
                outputs: { ...inputs, transitRouterRouteTableId, transitRouterRouteTableType: "Custom", status: "Active" },
            };
        }
        case CEN_TYPES.trAssociation:
        case CEN_TYPES.trPropagation:
            return { id: `${inputs.transitRouterAttachmentId}:${inputs.transitRouterRouteTableId}`, outputs: { ...inputs, status: "Active" } };
        default:
            return undefined;
    }
}
