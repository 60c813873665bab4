/**
 * The id of the deployment-name field; question ids never contain a hyphen, so it cannot clash. On its
 * own so the store can name it without loading the form model (and the recipe schemas) before the
 * first frame.
 */
export const NAME_FIELD = 'deployment-name';
