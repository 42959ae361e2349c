namespace Cloister.Platform.Devices;

/// <summary>A device on an I2C bus (QEMU's I2CSlave): start of a transfer, bytes each way.</summary>
public interface II2cDevice
{
    /// <summary>A START (or repeated START) addressed to this device; <paramref name="read"/> = master reads.</summary>
    void StartTransfer(bool read);
    /// <summary>A byte from the master; true to acknowledge.</summary>
    bool Send(byte data);
    /// <summary>The next byte for the master.</summary>
    byte Receive();
    /// <summary>STOP.</summary>
    void EndTransfer();
}

/// <summary>
/// Decodes a bit-banged I2C bus (SCL/SDA driven by software, as on the Versatile's SBCon):
/// START/STOP, address and data bytes, acknowledges, and drives SDA low for the addressed
/// device's ACKs and zero bits (open drain: the line reads low when either side pulls it).
/// </summary>
public sealed class I2cBitBang
{
    enum State { Idle, ReceivingByte, SlaveAck, SendingByte, MasterAck, Ignoring }

    readonly Dictionary<int, II2cDevice> devices = [];
    State state = State.Idle;
    bool scl = true, sda = true, slaveSda = true;
    int bitCount, sendBit;
    byte shift, sending;
    bool addressPhase, reading;
    II2cDevice? current;

    public void Attach(int address, II2cDevice device) => devices[address] = device;

    /// <summary>The SDA line as both sides drive it.</summary>
    public bool SdaLine => sda && slaveSda;

    public void Reset()
    {
        state = State.Idle;
        scl = sda = slaveSda = true;
        current = null;
    }

    /// <summary>The master drives SCL and SDA to these levels.</summary>
    public void Set(bool newScl, bool newSda)
    {
        if (scl && newScl && sda != newSda)
        {
            sda = newSda;
            if (!newSda) Start(); else Stop();
            return;
        }
        bool rising = !scl && newScl, falling = scl && !newScl;
        scl = newScl;
        sda = newSda;
        if (rising) Rising();
        else if (falling) Falling();
    }

    void Start()
    {
        state = State.ReceivingByte;
        addressPhase = true;
        bitCount = 0;
        shift = 0;
        slaveSda = true;
    }

    void Stop()
    {
        current?.EndTransfer();
        current = null;
        state = State.Idle;
        slaveSda = true;
    }

    void Rising()
    {
        switch (state)
        {
            case State.ReceivingByte:
                if (bitCount < 8)
                {
                    shift = (byte)((shift << 1) | (sda ? 1 : 0));
                    bitCount++;
                }
                break;
            case State.MasterAck:
                reading = !sda; // ACK (low) asks for another byte
                break;
        }
    }

    void Falling()
    {
        switch (state)
        {
            case State.ReceivingByte when bitCount == 8:
                ByteReceived();
                break;
            case State.SlaveAck:
                slaveSda = true;
                if (current is not null && reading && !addressPhaseWasWrite)
                {
                    LoadByte();
                }
                else
                {
                    state = State.ReceivingByte;
                    bitCount = 0;
                    shift = 0;
                }
                break;
            case State.SendingByte:
                if (--sendBit >= 0) slaveSda = ((sending >> sendBit) & 1) != 0;
                else
                {
                    slaveSda = true;
                    state = State.MasterAck;
                }
                break;
            case State.MasterAck:
                if (reading) LoadByte();
                else
                {
                    state = State.Ignoring;
                    slaveSda = true;
                }
                break;
        }
    }

    bool addressPhaseWasWrite;

    void ByteReceived()
    {
        if (addressPhase)
        {
            addressPhase = false;
            int address = shift >> 1;
            bool read = (shift & 1) != 0;
            if (current is not null && current != devices.GetValueOrDefault(address)) current.EndTransfer();
            if (devices.TryGetValue(address, out var device))
            {
                current = device;
                reading = read;
                addressPhaseWasWrite = !read;
                device.StartTransfer(read);
                slaveSda = false; // ACK
                state = State.SlaveAck;
            }
            else
            {
                current = null;
                state = State.Ignoring; // nobody acknowledges
            }
            return;
        }
        addressPhaseWasWrite = true;
        bool ack = current?.Send(shift) ?? false;
        slaveSda = !ack;
        state = ack ? State.SlaveAck : State.Ignoring;
    }

    void LoadByte()
    {
        sending = current!.Receive();
        sendBit = 7;
        slaveSda = (sending & 0x80) != 0;
        state = State.SendingByte;
        addressPhaseWasWrite = false;
    }
}
