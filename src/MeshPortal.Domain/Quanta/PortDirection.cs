namespace MeshPortal.Domain.Quanta;

public enum PortDirection
{
    Input,
    Output,
    Management,
}
