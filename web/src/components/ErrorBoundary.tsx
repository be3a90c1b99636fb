// Catches a page that fails to render (for instance on an answer shaped unlike its contract)
// and shows the error state instead of a blank screen; reset when the route changes.
import { Component, type ReactNode } from 'react';
import { ErrorState } from './States.tsx';

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: unknown; key: string }> {
  state = { error: null as unknown, key: this.props.resetKey };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: unknown; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  render() {
    if (this.state.error != null) return <section className="page" data-page="crash" data-state="error"><ErrorState error={this.state.error} /></section>;
    return this.props.children;
  }
}
