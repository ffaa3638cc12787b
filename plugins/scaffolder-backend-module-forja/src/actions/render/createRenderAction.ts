import {
  resolveSafeChildPath,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import {
  createTemplateAction,
  fetchContents,
} from '@backstage/plugin-scaffolder-node';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ForjaScaffolderConfig } from '../../config';
import { assertPlainTree, writeFileSet } from '../../render/files';
import {
  checkTemplateValues,
  renderTemplate,
  TEMPLATES,
} from '../../render/renderTemplate';
import { examples } from './createRenderAction.examples';

/**
 * forja:render: validates the template's values (field-level errors, nothing written on
 * rejection), then generates the repository from the template's `skeleton/` (copied
 * byte for byte) and data serialized as YAML, JSON and tfvars.
 */
export function createRenderAction(options: {
  reader: UrlReaderService;
  integrations: ScmIntegrations;
  config: ForjaScaffolderConfig;
}) {
  return createTemplateAction({
    id: 'forja:render',
    description:
      'Renders a Forja template (service, environment or add-resource) into the workspace from validated values.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        template: z =>
          z
            .string()
            .regex(/^[a-z][a-z0-9-]{0,62}$/)
            .describe(
              `Which template to render: a data template (forja/<template>.yaml beside template.yaml) or one of ${TEMPLATES.join(
                ', ',
              )}`,
            ),
        values: z =>
          z
            .record(z.string(), z.unknown())
            .describe('The template parameters, as entered in the form'),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Directory inside the workspace to render into (default: the workspace)',
            ),
      },
      output: {
        files: z => z.number().describe('How many files were written'),
        githubEnvironments: z =>
          z
            .array(z.string())
            .describe('GitHub Environments the generated workflows deploy in'),
      },
    },
    async handler(ctx) {
      const { template, values, targetPath = '.' } = ctx.input;
      const target = resolveSafeChildPath(ctx.workspacePath, targetPath);
      if (
        (await fs.pathExists(target)) &&
        (await fs.lstat(target)).isSymbolicLink()
      ) {
        throw new InputError(`targetPath "${targetPath}" is a symbolic link`);
      }
      const baseUrl = ctx.templateInfo?.baseUrl;
      if (baseUrl?.startsWith('file://')) {
        // fetchContents silently drops links that leave the template; refuse them instead.
        const templateDir = path.dirname(fileURLToPath(baseUrl));
        await assertPlainTree(resolveSafeChildPath(templateDir, 'skeleton'));
        const forja = resolveSafeChildPath(templateDir, 'forja');
        if (await fs.pathExists(forja)) await assertPlainTree(forja);
      }
      // Staged outside the workspace: a refused skeleton leaves no trace in it.
      const staging = await fs.mkdtemp(
        path.join(os.tmpdir(), 'forja-skeleton-'),
      );
      try {
        const skeletonDir = path.join(staging, 'skeleton');
        await fetchContents({
          reader: options.reader,
          integrations: options.integrations,
          baseUrl,
          fetchUrl: './skeleton',
          outputPath: skeletonDir,
        });
        await assertPlainTree(skeletonDir);
        const forjaDir = path.join(staging, 'forja');
        await fetchContents({
          reader: options.reader,
          integrations: options.integrations,
          baseUrl,
          fetchUrl: './forja',
          outputPath: forjaDir,
        }).catch(error => {
          // A template without forja/ is one of Forja's built-in renderers.
          if (error?.name !== 'NotFoundError' && error?.code !== 'ENOENT')
            throw error;
        });
        if (await fs.pathExists(forjaDir)) await assertPlainTree(forjaDir);
        const githubEnvironments = await checkTemplateValues(
          template,
          values,
          forjaDir,
        );
        const files = await renderTemplate(template, values, {
          skeletonDir,
          forjaDir,
          moduleSource: options.config.moduleSource,
          readExisting: async file => {
            const existing = resolveSafeChildPath(target, file);
            return (await fs.pathExists(existing))
              ? fs.readFile(existing, 'utf8')
              : undefined;
          },
        });
        await writeFileSet(target, files);
        ctx.output('files', files.size);
        ctx.output('githubEnvironments', githubEnvironments);
        ctx.logger.info(
          `forja:render wrote ${files.size} files for the ${template} template`,
        );
      } finally {
        await fs.remove(staging);
      }
    },
  });
}
