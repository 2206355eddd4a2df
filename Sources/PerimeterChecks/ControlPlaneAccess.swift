import PerimeterAnalysis

/// Whether what reaches the nodes on a port includes the EKS control plane.
enum ControlPlaneAccess {
    static func admits(_ exposure: Exposure, controlPlane: [String]) -> Bool {
        // A group's self rule admits the control plane when the nodes are in that control-plane group.
        if controlPlane.contains(where: exposure.allowsSecurityGroup) { return true }
        // The control plane's ENIs sit in the cluster's private subnets: a private range lets them in.
        return exposure.cidrGrants.contains { $0.cidrs.contains(where: PrivateRanges.overlapsPrivate) }
    }
}
