import { createHash, createHmac } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import {
  answerFault,
  LocalServer,
  sendJson,
  startLocalServer,
  UpstreamFault,
} from './http';
import { FakeSpend } from './spend';

export interface FakeCostExplorerOptions {
  accessKeyId: string;
  secretAccessKey: string;
  /** Resources' spend by their cost allocation tags `forja.dev/entity` and `forja.dev/environment`. */
  spend: FakeSpend[];
}

export interface FakeCostExplorer extends LocalServer {
  fault: UpstreamFault;
  /** Bodies of the GetCostAndUsage calls received. */
  calls: any[];
}

const TARGET = 'AWSInsightsIndexService.GetCostAndUsage';
const sha256 = (data: string | Buffer) =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest();

/** AWS's error body (awsJson1_1): `__type` and `message`, status 400. */
const awsError = (type: string, message: string) => ({ __type: type, message });

/**
 * Checks a request's Signature Version 4 (`AWS4-HMAC-SHA256`, service `ce`): the canonical
 * request from the method, path, query, signed headers and body hash, signed with the
 * key derived from the secret, date, region and service. Returns the error's type, if any.
 */
export function verifySigV4(
  req: IncomingMessage,
  body: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
  service: string,
): string | undefined {
  const auth =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      String(req.headers.authorization ?? ''),
    );
  if (!auth) return 'MissingAuthenticationTokenException';
  const [, keyId, date, region, scopeService, signedHeaders, signature] = auth;
  if (keyId !== credentials.accessKeyId) return 'UnrecognizedClientException';
  if (scopeService !== service) return 'InvalidSignatureException';
  const url = new URL(req.url ?? '/', 'http://x');
  const query = [...url.searchParams]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join('&');
  const headers = signedHeaders
    .split(';')
    .map(
      h =>
        `${h}:${String(req.headers[h] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonical = [
    req.method,
    url.pathname,
    query,
    headers,
    signedHeaders,
    sha256(body),
  ].join('\n');
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const toSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    `${date}/${region}/${service}/aws4_request`,
    sha256(canonical),
  ].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(toSign).digest('hex') === signature
    ? undefined
    : 'InvalidSignatureException';
}

/**
 * AWS Cost Explorer's `GetCostAndUsage` (awsJson1_1: `POST /` with
 * `X-Amz-Target: AWSInsightsIndexService.GetCostAndUsage`, SigV4-signed): `TimePeriod`
 * (end exclusive), `Granularity: MONTHLY`, `Metrics: [UnblendedCost]`, a `Filter` of
 * `Tags {Key, Values, MatchOptions}` and a `GroupBy` of one TAG. Answers
 * `ResultsByTime[{TimePeriod, Total, Groups[{Keys: ['<tag>$<value>'], Metrics}], Estimated}]`,
 * `GroupDefinitions` and `DimensionValueAttributes`, pages by `NextPageToken` (one month a page).
 */
export async function startFakeCostExplorer(
  options: FakeCostExplorerOptions,
): Promise<FakeCostExplorer> {
  const state = { fault: 'none' as UpstreamFault, calls: [] as any[] };
  let fake: { fault: UpstreamFault } = state;
  const server = await startLocalServer(async (req, res, url) => {
    if (req.method !== 'POST' || url.pathname !== '/') return false;
    let body = '';
    for await (const chunk of req) body += chunk;
    if (
      await answerFault(fake.fault, req, res, {
        unauthorized: awsError(
          'UnrecognizedClientException',
          'The security token included in the request is invalid.',
        ),
      })
    )
      return true;
    const refused = verifySigV4(req, body, options, 'ce');
    if (refused) {
      sendJson(
        res,
        refused === 'MissingAuthenticationTokenException' ? 403 : 400,
        awsError(
          refused,
          'The request signature we calculated does not match the signature you provided.',
        ),
      );
      return true;
    }
    if (req.headers['x-amz-target'] !== TARGET) {
      sendJson(
        res,
        400,
        awsError(
          'UnknownOperationException',
          `unknown operation ${req.headers['x-amz-target']}`,
        ),
      );
      return true;
    }
    const input = JSON.parse(body);
    state.calls.push(input);
    const { Start, End } = input.TimePeriod ?? {};
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(Start) ||
      !/^\d{4}-\d{2}-\d{2}$/.test(End) ||
      Start >= End
    ) {
      sendJson(
        res,
        400,
        awsError(
          'ValidationException',
          'Start date (and hour) should be before end date (and hour)',
        ),
      );
      return true;
    }
    if (
      input.Granularity !== 'MONTHLY' ||
      !Array.isArray(input.Metrics) ||
      !input.Metrics.includes('UnblendedCost')
    ) {
      sendJson(
        res,
        400,
        awsError(
          'ValidationException',
          'this double serves MONTHLY UnblendedCost',
        ),
      );
      return true;
    }
    const tagFilter = input.Filter?.Tags;
    const groupBy = input.GroupBy?.[0];
    if (tagFilter?.Key !== 'forja.dev/entity' || groupBy?.Type !== 'TAG') {
      sendJson(
        res,
        400,
        awsError(
          'ValidationException',
          'this double serves a Tags filter on forja.dev/entity grouped by one TAG',
        ),
      );
      return true;
    }
    const months: string[] = [];
    for (
      let d = new Date(`${Start.slice(0, 7)}-01T00:00:00Z`);
      d.toISOString().slice(0, 10) < End;
      d.setUTCMonth(d.getUTCMonth() + 1)
    ) {
      months.push(d.toISOString().slice(0, 7));
    }
    const page = Number(input.NextPageToken ?? 0);
    const month = months[page];
    const next = new Date(`${month}-01T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const groups = new Map<string, number>();
    for (const spend of options.spend) {
      if (spend.month !== month || !tagFilter.Values?.includes(spend.entity))
        continue;
      const key = `${groupBy.Key}$${spend.environment ?? ''}`;
      groups.set(key, (groups.get(key) ?? 0) + spend.amount);
    }
    const amount = (n: number) => ({ Amount: n.toFixed(10), Unit: 'USD' });
    sendJson(res, 200, {
      GroupDefinitions: [{ Type: 'TAG', Key: groupBy.Key }],
      ResultsByTime: [
        {
          TimePeriod: {
            Start: `${month}-01`,
            End:
              next.toISOString().slice(0, 10) < End
                ? next.toISOString().slice(0, 10)
                : End,
          },
          Total: {},
          Groups: [...groups].map(([key, n]) => ({
            Keys: [key],
            Metrics: { UnblendedCost: amount(n) },
          })),
          Estimated: false,
        },
      ],
      DimensionValueAttributes: [],
      ...(page + 1 < months.length ? { NextPageToken: String(page + 1) } : {}),
    });
    return true;
  });
  const started: FakeCostExplorer = Object.assign(server, state);
  fake = started;
  return started;
}
