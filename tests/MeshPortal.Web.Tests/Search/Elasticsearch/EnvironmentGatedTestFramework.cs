using System.Reflection;
using MeshPortal.Web.Tests.Search.Elasticsearch;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("MeshPortal.Web.Tests.Search.Elasticsearch.EnvironmentGatedTestFramework", "MeshPortal.Web.Tests")]

namespace MeshPortal.Web.Tests.Search.Elasticsearch;

/// <summary>
/// Marks a test class whose tests need an outside server named by an environment variable: when the variable is
/// unset or empty, every test of the class (its inherited [Fact]s and each [Theory] row included) is reported as
/// SKIPPED with <see cref="Reason"/>, not run and not passed.
/// </summary>
/// <remarks>
/// xunit 2.9 has no runtime skip, and a subclass cannot change the [Fact] attributes of the non-virtual test methods
/// it inherits from a shared suite; so the decision is made at discovery by <see cref="EnvironmentGatedTestFramework"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    public string Variable { get; } = variable;
    public string Reason { get; } = reason;

    public bool IsSatisfied => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));
}

/// <summary>
/// xunit's own framework, except that test cases of a class marked <see cref="RequiresEnvironmentAttribute"/> whose
/// variable is missing are replaced, as they are discovered, by skipped test cases carrying the reason. Every other
/// test is discovered and run exactly as by the default framework.
/// </summary>
public sealed class EnvironmentGatedTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // "Run all" discovers again through this: it must skip the same tests.
        protected override ITestFrameworkDiscoverer CreateDiscoverer() => new Discoverer(AssemblyInfo, SourceInformationProvider, DiagnosticMessageSink);
    }

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForType(ITestClass testClass, bool includeSourceInformation, IMessageBus messageBus,
            ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var gate = testClass.Class.ToRuntimeType()?.GetCustomAttribute<RequiresEnvironmentAttribute>();
            if (gate is null || gate.IsSatisfied)
                return base.FindTestsForType(testClass, includeSourceInformation, messageBus, discoveryOptions);
            var reason = $"{gate.Reason} (set {gate.Variable} to run it)";
            using var skipping = new SkippingBus(messageBus, DiagnosticMessageSink, discoveryOptions, reason);
            return base.FindTestsForType(testClass, includeSourceInformation, skipping, discoveryOptions);
        }
    }

    /// <summary>Passes discovery messages on, turning each discovered test case into a skipped one.</summary>
    private sealed class SkippingBus(IMessageBus inner, IMessageSink diagnostics, ITestFrameworkDiscoveryOptions options, string reason) : IMessageBus
    {
        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage { TestCase: IXunitTestCase testCase } && testCase.SkipReason is null)
            {
                var skipped = new XunitSkippedDataRowTestCase(diagnostics, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(),
                    testCase.TestMethod, reason, testCase.TestMethodArguments);
                return inner.QueueMessage(new TestCaseDiscoveryMessage(skipped));
            }
            return inner.QueueMessage(message);
        }

        public void Dispose()
        {
            // The inner bus belongs to the caller.
        }
    }
}
