/** The auth feature's public API: other features import it only from here. */
export { AuthLayout } from './auth-layout';
export { ChangePasswordForm } from './change-password-form';
export { LoginPage } from './login-page';
export { MfaSetup } from './mfa-setup';
export { RecoveryCodes } from './recovery-codes';
export { SetupMfaPage } from './setup-mfa-page';
export { SetupPasswordPage } from './setup-password-page';
