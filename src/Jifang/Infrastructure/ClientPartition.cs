using System.Net;
using System.Net.Sockets;

namespace Jifang.Infrastructure;

/// <summary>
/// Which rate-limit partition a request counts against: its client's address, with an IPv4 address written the
/// IPv4-mapped IPv6 way counted as the IPv4 address, and IPv6 addresses counted by their /64 network (one subscriber
/// usually holds a whole /64, so per-address counting would let one client rotate through 2^64 addresses).
/// A request without an address (a Unix socket, an in-process host) counts against one shared partition: that fails
/// closed. Behind a reverse proxy, configure forwarded headers so that the address is the client's, not the proxy's.
/// </summary>
public static class ClientPartition
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Of(context.Connection.RemoteIpAddress);
    }

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }
}
