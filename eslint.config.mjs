import tollgate from '@tollgate/eslint-config';

export default tollgate;
