import { MfaSetup } from './mfa-setup';
import { SessionStepPage } from './session-step-page';

/** Roles that must use a second factor set it up before they can do anything else. */
export function SetupMfaPage() {
  return (
    <SessionStepPage texts="setupMfa">
      {({ onStep, onErrorsChange }) => (
        <MfaSetup onDone={(step) => void onStep(step)} onErrorsChange={onErrorsChange} />
      )}
    </SessionStepPage>
  );
}
