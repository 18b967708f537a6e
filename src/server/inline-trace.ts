/**
 * Apollo inline traces (`extensions.ftv1`), as `@graphql-yoga/plugin-apollo-inline-trace` makes
 * them, with the trace encoded by Buffer. The plugin (3.21–3.24) base64-encodes through
 * `String.fromCharCode(...bytes)`, which passes every byte as an argument: a trace over a few
 * hundred kilobytes (a stats query of 1,000 groups) overflows the call stack and the request
 * fails with an internal error. The instrumentation itself is the plugin's own.
 */
import { Trace } from '@apollo/usage-reporting-protobuf';
import { useApolloInstrumentation } from '@graphql-yoga/plugin-apollo-inline-trace';
import { isAsyncIterable, type Plugin, type YogaInitialContext } from 'graphql-yoga';

export function useInlineTrace(options: { ignoreRequest: (request: Request) => boolean }): Plugin<YogaInitialContext> {
  const [instrumentation, ctxForReq] = useApolloInstrumentation(options);
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(instrumentation);
      addPlugin({
        onExecutionResult({ request, result, context, setResult }) {
          if (!result || isAsyncIterable(result)) return;
          if (result.extensions?.ftv1 !== undefined) throw new Error('The `ftv1` extension is already present');
          const trace = ctxForReq.get(request)?.traces.get(context)?.trace;
          if (!trace) return;
          const ftv1 = Buffer.from(Trace.encode(trace).finish()).toString('base64');
          setResult({ ...result, extensions: { ...result.extensions, ftv1 } });
        },
      });
    },
  };
}
