// The collectors come first; the actor system, buffer and sender come next.
Console.Error.WriteLine("usage: Lumen.Agent --once   (not implemented yet)");
return 2;
