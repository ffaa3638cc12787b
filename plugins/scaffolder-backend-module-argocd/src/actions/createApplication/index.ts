export { createArgoCdApplicationAction } from './createApplication';
