using System.Runtime.CompilerServices;

// The engine's internals (the validation plan, the column types) are tested directly.
[assembly: InternalsVisibleTo("MeshPortal.DataPlane.Tests")]
