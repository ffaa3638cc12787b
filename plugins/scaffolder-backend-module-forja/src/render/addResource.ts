import { z } from 'zod';
import {
  brokerSize,
  checkCloudAccount,
  checkRegion,
  cloudAccountFields,
  postgresInput,
  redisInput,
  CLOUDS,
  dnsLabel,
  environmentList,
  rejectCredentials,
  repoUrl,
} from './inputs';

/** The add-resource template's values (its files are templates/add-resource/forja). */
export const addResourceValuesSchema = z
  .object({
    repoUrl,
    kind: z.enum(['postgres', 'redis', 'queue', 'bucket']),
    name: dnsLabel(30),
    platform: dnsLabel(16).describe('name given to the environment template'),
    cloud: z.enum(CLOUDS),
    region: z.string(),
    environments: environmentList,
    ...cloudAccountFields,
    postgres: postgresInput.optional(),
    redis: redisInput.optional(),
    queue: z
      .object({
        kind: z.enum(['queue', 'rabbitmq']).default('queue'),
        size: brokerSize,
        queues: z.array(dnsLabel(63)).min(1, 'name at least one queue').max(50),
      })
      .optional(),
    bucket: z
      .object({
        noncurrentVersionDays: z.number().int().min(1).max(365).default(30),
        /** GB it is expected to hold: sizes its estimate. */
        expectedStorageGb: z.number().int().min(1).max(10_000_000).optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((v, ctx) => {
    rejectCredentials(v, ctx);
    checkRegion(v.cloud, v.region, ctx);
    if (!v[v.kind]) {
      ctx.addIssue({
        code: 'custom',
        path: [v.kind],
        message: `describe the ${v.kind} to add`,
      });
    }
    checkCloudAccount(v, ctx);
  });

export type AddResourceValues = z.infer<typeof addResourceValuesSchema>;
