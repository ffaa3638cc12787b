export { authModuleForjaGithubProvider } from './githubProvider';
export { guestProviderInDevelopment } from './guestProvider';
export {
  githubUsernameMatchingUserEntityName,
  GITHUB_USER_ID_ANNOTATION,
} from './githubSignInResolver';
