import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { assertNoErrors, formatFinding } from "../model/findings";
import { HubSpec, checkHubArgs, planHub } from "../model/hub";
import { GatewayRef, createHub } from "./resources";

export { TunnelMode, PaymentType, VswitchSpec, checkHubArgs } from "../model/hub";

export interface VpnHubArgs extends HubSpec {
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** Log the checks' warnings with pulumi.log.warn. Default true; a parent that reports them once passes false. */
    logWarnings?: boolean;
    /** Propagate the routes the gateway learns over BGP into the VPC's route table (gateway autoPropagate). Default false. */
    autoPropagate?: boolean;
}

/**
 * A VPC with its vSwitches and a VPN gateway: the Alibaba end of links created separately (SiteToSiteLink with
 * `gateway: hub.reference()`). A building block: it checks only itself. VpnSite, which takes the gateway and all
 * of its links in one description, checks the whole network before creating anything.
 */
export class VpnHub extends pulumi.ComponentResource {
    readonly vpc: alicloud.vpc.Network;
    readonly vswitches: alicloud.vpc.Switch[];
    readonly gateway: alicloud.vpn.Gateway;

    readonly vpcId: pulumi.Output<string>;
    readonly vpnGatewayId: pulumi.Output<string>;
    readonly routeTableId: pulumi.Output<string>;
    /** Public IP of the master tunnel (and of the only tunnel on a single-tunnel gateway). */
    readonly internetIp: pulumi.Output<string>;
    /** Public IP of the slave tunnel; empty on a single-tunnel gateway. */
    readonly disasterRecoveryInternetIp: pulumi.Output<string>;
    /** The checks' warnings, one line each (also sent to pulumi.log.warn). */
    readonly warnings: pulumi.Output<string[]>;

    constructor(name: string, args: VpnHubArgs, opts?: pulumi.ComponentResourceOptions) {
        // Checked before super(): a refused hub registers nothing, not even its component resource.
        const warnings = assertNoErrors(checkHubArgs(args, args.configPath ?? name, name));
        super("alicloud-vpn:index:VpnHub", name, {}, opts);
        if (args.logWarnings !== false) {
            warnings.forEach((w) => pulumi.log.warn(formatFinding(w), this));
        }
        const plan = planHub(name, args);
        const { vpc, vswitches, gateway } = createHub(plan, args.tags, this, { autoPropagate: args.autoPropagate });
        this.vpc = vpc;
        this.vswitches = vswitches;
        this.gateway = gateway;
        this.vpcId = vpc.id;
        this.vpnGatewayId = gateway.id;
        this.routeTableId = vpc.routeTableId;
        this.internetIp = gateway.internetIp;
        this.disasterRecoveryInternetIp = gateway.disasterRecoveryInternetIp;
        this.warnings = pulumi.output(warnings.map(formatFinding));
        hubShapes.set(this, { name, vpcCidr: plan.vpcCidr, tunnelMode: plan.tunnelMode });

        this.registerOutputs({
            vpcId: this.vpcId,
            vswitchIds: vswitches.map((v) => v.id),
            vpnGatewayId: this.vpnGatewayId,
            routeTableId: this.routeTableId,
            internetIp: this.internetIp,
            disasterRecoveryInternetIp: this.disasterRecoveryInternetIp,
        });
    }

    /**
     * What a SiteToSiteLink needs of this hub (`gateway: hub.reference()`). Links given the same reference create
     * their connections one after another, as the API requires.
     */
    reference(): GatewayRef {
        const shape = hubShapes.get(this)!;
        return {
            ...shape,
            vpnGatewayId: this.vpnGatewayId,
            routeTableId: this.routeTableId,
            internetIp: this.internetIp,
            disasterRecoveryInternetIp: this.disasterRecoveryInternetIp,
        };
    }
}

// Plain values kept beside each hub, outside its properties: Pulumi's schema analyzer reads every property of a
// component as an output.
const hubShapes = new WeakMap<VpnHub, Pick<GatewayRef, "name" | "vpcCidr" | "tunnelMode">>();
