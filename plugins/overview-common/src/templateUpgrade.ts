/** One file an upgrade changes, as the entity page shows it. */
export interface TemplateUpgradeFile {
  /** Relative to the entity's folder in its repository. */
  path: string;
  change: 'added' | 'modified' | 'deleted';
  /** Why the file needs a person: both sides changed it differently. */
  conflict?: string;
  /** A unified diff from the repository's file to what the pull request writes (bounded). */
  diff: string;
}

/** `GET .../template-upgrade`: whether the entity's template moved on, and what would change. */
export interface TemplateUpgradeStatus {
  /** The template entity (`backstage.io/source-template`). */
  templateRef: string;
  /** The render's name (`.forja/template.json` `template`). */
  template: string;
  from: { version: string; digest: string };
  to: { version: string; digest: string };
  upgradeAvailable: boolean;
  files: TemplateUpgradeFile[];
  /** Files whose conflicts the pull request marks or reports. */
  conflicts: number;
  /** Why the pull request cannot be opened by this user, when it cannot. */
  blocked?: string;
  /** An upgrade pull request already open for this version. */
  pullRequestUrl?: string;
}

/** `POST .../template-upgrade`: the pull request (an open one is returned as it is). */
export interface TemplateUpgradeResponse {
  pullRequestUrl: string;
  branch: string;
  from: string;
  to: string;
  conflicts: number;
  /** False when the pull request already existed. */
  created: boolean;
}
