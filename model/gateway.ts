// Checks of a VPN gateway's own values, shared by the VpnHub component, the topology pass and the policy pack.
import { PUBLIC_GATEWAY_BANDWIDTHS } from "./alibaba";
import { Finding, allowedList } from "./findings";

/** Alibaba sells public VPN gateways only in PUBLIC_GATEWAY_BANDWIDTHS (Mbit/s); anything else is refused. */
export function validateBandwidth(bandwidth: unknown, field: string, site?: string): Finding[] {
    if ((PUBLIC_GATEWAY_BANDWIDTHS as readonly unknown[]).includes(bandwidth)) {
        return [];
    }
    const next = PUBLIC_GATEWAY_BANDWIDTHS.find((b) => typeof bandwidth === "number" && b >= bandwidth) ?? 1000;
    return [
        {
            severity: "error",
            code: "hub.bad-bandwidth",
            site,
            field,
            value: bandwidth,
            allowed: `${allowedList(PUBLIC_GATEWAY_BANDWIDTHS)} (Mbit/s)`,
            message: "Alibaba sells public VPN gateways only in these bandwidth specifications.",
            fix: `set ${field} to the next specification up, e.g. ${next}.`,
        },
    ];
}
