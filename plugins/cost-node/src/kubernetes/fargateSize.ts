/**
 * EKS on Fargate runs each pod on its own micro-VM, sized from the pod's requests: the
 * larger of the long-running containers' sum and the largest init container, plus 256 MiB
 * for kubelet, kube-proxy and containerd, rounded up to the nearest vCPU and memory
 * combination Fargate offers (no requests: the smallest, 0.25 vCPU and 0.5 GB).
 * https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html
 */
export const FARGATE_POD_OVERHEAD_GIB = 0.25;

export interface FargateSize {
  vcpu: number;
  memoryGiB: number;
}

const range = (from: number, to: number, step: number) =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

/** The vCPU and memory (GB) combinations of the Fargate pod configuration table. */
export const FARGATE_SIZES: ReadonlyArray<{
  vcpu: number;
  memoryGiB: readonly number[];
}> = [
  { vcpu: 0.25, memoryGiB: [0.5, 1, 2] },
  { vcpu: 0.5, memoryGiB: range(1, 4, 1) },
  { vcpu: 1, memoryGiB: range(2, 8, 1) },
  { vcpu: 2, memoryGiB: range(4, 16, 1) },
  { vcpu: 4, memoryGiB: range(8, 30, 1) },
  { vcpu: 8, memoryGiB: range(16, 60, 4) },
  { vcpu: 16, memoryGiB: range(32, 120, 8) },
];

/**
 * The Fargate size a pod with these requests runs on (requests in cores and GiB, before the
 * 256 MiB Fargate adds), or undefined when no size is large enough (the pod never starts).
 */
export function fargateSize(
  cpu: number,
  memoryGiB: number,
): FargateSize | undefined {
  const memory = memoryGiB + FARGATE_POD_OVERHEAD_GIB;
  let best: FargateSize | undefined;
  for (const size of FARGATE_SIZES) {
    if (size.vcpu < cpu) continue;
    const fits = size.memoryGiB.find(m => m >= memory);
    if (fits === undefined) continue;
    // The cheapest fit: Fargate bills vCPU-hours and GB-hours, a vCPU costing about nine
    // GB, so the smallest vCPU that holds the memory comes first.
    if (!best || size.vcpu < best.vcpu)
      best = { vcpu: size.vcpu, memoryGiB: fits };
  }
  return best;
}
