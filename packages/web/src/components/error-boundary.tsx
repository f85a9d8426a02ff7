import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Trans } from 'react-i18next';

interface Props {
  children: ReactNode;
  /** Changing this (for example the page address) clears a previous error. */
  resetKey?: string;
}

interface State {
  error: Error | null;
  resetKey?: string;
}

/** Catches a rendering failure so one broken page does not blank the whole application. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: null, resetKey: props.resetKey };
    return null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Unhandled rendering error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page-error" role="alert">
        <h1 className="heading-l">
          <Trans i18nKey="errorPage.title" />
        </h1>
        <p>
          <Trans i18nKey="errorPage.body" />
        </p>
        <p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            <Trans i18nKey="errorPage.reload" />
          </button>
        </p>
      </div>
    );
  }
}
