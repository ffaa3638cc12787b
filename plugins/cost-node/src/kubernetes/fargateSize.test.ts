import { fargateSize } from './fargateSize';

describe('fargateSize', () => {
  it('adds 256 MiB and rounds up to the nearest Fargate combination', () => {
    // No requests: the smallest size.
    expect(fargateSize(0, 0)).toEqual({ vcpu: 0.25, memoryGiB: 0.5 });
    // 250m and 256Mi: 0.5 GiB with the overhead, still the smallest.
    expect(fargateSize(0.25, 0.25)).toEqual({ vcpu: 0.25, memoryGiB: 0.5 });
    // 250m and 512Mi: 0.75 GiB -> 1 GB.
    expect(fargateSize(0.25, 0.5)).toEqual({ vcpu: 0.25, memoryGiB: 1 });
    // 500m and 1Gi: 1.25 GiB -> 2 GB at 0.5 vCPU.
    expect(fargateSize(0.5, 1)).toEqual({ vcpu: 0.5, memoryGiB: 2 });
    // 0.25 vCPU but 3 GiB: 0.25 vCPU stops at 2 GB, 0.5 vCPU holds 4 GB.
    expect(fargateSize(0.25, 3)).toEqual({ vcpu: 0.5, memoryGiB: 4 });
    // 1.5 vCPU: 2 vCPU, whose memory starts at 4 GB.
    expect(fargateSize(1.5, 1)).toEqual({ vcpu: 2, memoryGiB: 4 });
    // 8 vCPU steps by 4 GB: 17 GiB + 0.25 -> 20.
    expect(fargateSize(8, 17)).toEqual({ vcpu: 8, memoryGiB: 20 });
  });

  it('has no size for a pod larger than 16 vCPU or 120 GB', () => {
    expect(fargateSize(17, 1)).toBeUndefined();
    expect(fargateSize(16, 120)).toBeUndefined();
  });
});
