import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { endLocalSession, ME_KEY } from './api/auth';
import { isApiError } from './api/client';
import { ErrorBoundary } from './components/error-boundary';
import { AppRoutes } from './features/shell';

/** A request answered "not signed in" means the session ended: go back to sign-in. */
function onApiError(error: unknown): void {
  if (isApiError(error, 'UNAUTHENTICATED')) {
    endLocalSession(queryClient);
  } else if (isApiError(error, 'AUTH_STEP_REQUIRED')) {
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) => {
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return failures < 2;
      },
    },
  },
});

export function App() {
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
