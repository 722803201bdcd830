namespace MeshPortal.Web.Components.Onboarding;

public enum SourceDialogKind { Upload, ServerFile, Connection, Composition }
